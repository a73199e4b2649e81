import { isIP } from 'node:net'
import { totalmem } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

// The only reader of process.env in the API: everything else receives a parsed, typed Config.

/** Repository root, derived from this file's location so it holds whatever the working directory is. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], {
    error: 'expected one of true/false, 1/0, on/off, yes/no',
  })
  .transform((value) => ['true', '1', 'on', 'yes'].includes(value))

/** One proxy address, a CIDR range, or one of proxy-addr's names for a whole family of ranges. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true
  const [address = '', bits, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128))
}

// Fastify's trustProxy from one string: a boolean or a comma-separated list of addresses/CIDRs. Not a hop count:
// Fastify 5 ignores those (a client reaching the app directly could spoof the hops), so one is refused here
// rather than silently trusting nobody.
const trustProxy = z
  .string()
  .trim()
  .transform((value, context): boolean | string[] => {
    if (['true', 'yes', 'on'].includes(value)) return true
    if (['false', 'no', 'off'].includes(value)) return false
    if (/^\d+$/.test(value)) {
      context.addIssue({
        code: 'custom',
        message: "a hop count is not supported (Fastify 5 ignores it): give the proxy's address or CIDR, or true",
      })
      return z.NEVER
    }
    const entries = value.split(',').map((entry) => entry.trim())
    const bad = entries.filter((entry) => !isProxyAddress(entry))
    if (bad.length === 0) return entries
    context.addIssue({
      code: 'custom',
      message: `expected true/false or comma-separated addresses/CIDRs; not an address: ${bad.join(', ')}`,
    })
    return z.NEVER
  })

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' }).optional(),
  DATABASE_READ_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL of a read replica' })
    .optional(),
  READ_REPLICA_MAX_WAIT_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  DATA_DIR: z.string().min(1).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_DATA: booleanFlag.optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo1234'),
  DEMO_SEED: z.coerce.number().int().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  KPI_CACHE_ENTRIES: z.coerce.number().int().min(0).default(500),
  KPI_CACHE_MB: z.coerce.number().positive().default(64),
  EMBEDDED_PG_SHARED_BUFFERS_MB: z.coerce.number().int().min(16, 'must be at least 16').optional(),
  RATE_LIMIT_IMPORTS_PER_HOUR: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_EXPORTS_PER_HOUR: z.coerce.number().int().min(0).default(120),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().min(0).default(300),
  TRUST_PROXY: trustProxy.optional(),
  WEBHOOK_ALLOW_PRIVATE_HOSTS: booleanFlag.default(false),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'expected the http(s):// address people open, e.g. https://kpi.example.com' })
    .optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected smtp://user:pass@host:port or smtps://…' }).optional(),
  MAIL_FROM: z.string().trim().min(3).max(320).optional(),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "expected the provider's http(s):// issuer URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(4096).optional(),
  OIDC_NAME: z.string().trim().min(1).max(60).optional(),
  OIDC_AUTO_CREATE: z.enum(['off', 'rep'], { error: 'expected off or rep' }).default('off'),
})

/**
 * The embedded PostgreSQL's shared_buffers: a quarter of the machine's memory, at least PostgreSQL's own 128 MB and
 * at most 2 GB. PostgreSQL's default suits a laptop demo, but a 1 M-deal database read through 128 MB goes to
 * the OS cache for every page: 2 GB made dashboard misses ~30 % faster on the benchmark database (README
 * Performance). Only pages actually read are ever taken, so a small database stays small.
 */
export function defaultSharedBuffersMb(totalBytes = totalmem()): number {
  return Math.min(2048, Math.max(128, Math.floor(totalBytes / 4 / 2 ** 20)))
}

export type Config = {
  port: number
  host: string
  /** An external PostgreSQL; when absent the embedded cluster under dataDir is used. */
  databaseUrl: string | undefined
  /**
   * A streaming read replica of databaseUrl for the KPI answers' aggregates (docs/decisions/0042-read-replica.md);
   * undefined: everything reads the primary.
   */
  databaseReadUrl: string | undefined
  /** How long a KPI answer waits for the read replica to replay the data version read on the primary. */
  readReplicaMaxWaitMs: number
  dataDir: string
  nodeEnv: 'development' | 'production' | 'test'
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** Load the demo organisation on first start (only ever into an empty database). Off by default in production. */
  demoData: boolean
  demoPassword: string
  demoSeed: number | undefined
  /** How long graceful shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number
  /** KPI answer cache (docs/decisions/0008-kpi-answer-cache.md): at most this many answers; 0 turns it off. */
  kpiCacheEntries: number
  /** … and at most about this many bytes of them. */
  kpiCacheMaxBytes: number
  /** shared_buffers of the embedded PostgreSQL (unused with databaseUrl). */
  embeddedSharedBuffersMb: number
  /** Webhooks may point at loopback/private addresses (local development, tests); off: public internet only. */
  webhookAllowPrivateHosts: boolean
  /** The built web app (`pnpm --filter @kpi/web build`). */
  webDistDir: string
  /** Requests one person may make per window (an organisation: five times that); 0 turns a limit off. */
  rateLimits: RateLimits
  /**
   * Fastify's trustProxy: whose X-Forwarded-For/-Proto/-Host to believe. Off by default, since a client talking to
   * the app directly could otherwise claim any address and dodge the login limits.
   */
  trustProxy: boolean | string[]
  /**
   * Where people open the product (links in e-mails: invitations, password resets). Unset: http://localhost:PORT,
   * fine on one machine; production sets it.
   */
  publicUrl: string
  /** Outgoing e-mail; null: nothing is sent and the admin UI shows the link to copy instead. */
  mail: MailConfig | null
  /** Single sign-on through one OpenID Connect provider; null: password sign-in only. */
  oidc: OidcConfig | null
}

export type MailConfig = { smtpUrl: string; from: string }

export type OidcConfig = {
  issuer: string
  clientId: string
  clientSecret: string
  /** Shown on the login page: "Sign in with <name>". */
  name: string
  /** A verified email without an account: 'off' refuses; 'rep' creates an active rep without a team. */
  autoCreate: 'off' | 'rep'
}

export type RateLimits = { importsPerHour: number; exportsPerHour: number; writesPerMinute: number }

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/**
 * Parses the environment into a Config. Throws ConfigError naming every bad variable, e.g.
 * `invalid environment: PORT: Too big: expected number to be <=65535 (got "70000")`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PORT=`) means "not set", as in most shells' `${VAR:-default}`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const result = EnvSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(environment)')
      const got = name in present ? ` (got ${JSON.stringify(present[name])})` : ''
      return `  ${name}: ${issue.message}${got}`
    })
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`)
  }
  const parsed = result.data
  // The embedded store has no replica, and two API processes cannot share it: replicas need a server of their own.
  if (parsed.DATABASE_READ_URL !== undefined && parsed.DATABASE_URL === undefined)
    throw new ConfigError('invalid environment:\n  DATABASE_READ_URL: needs DATABASE_URL (the primary it replicates)')
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
    databaseReadUrl: parsed.DATABASE_READ_URL,
    readReplicaMaxWaitMs: parsed.READ_REPLICA_MAX_WAIT_MS,
    dataDir: path.resolve(parsed.DATA_DIR ?? path.join(repoRoot, '.data')),
    nodeEnv: parsed.NODE_ENV,
    logLevel: parsed.LOG_LEVEL,
    // On by default for `pnpm start`; production must ask for it, so an empty real database stays empty.
    demoData: parsed.DEMO_DATA ?? parsed.NODE_ENV !== 'production',
    demoPassword: parsed.DEMO_PASSWORD,
    demoSeed: parsed.DEMO_SEED,
    shutdownTimeoutMs: parsed.SHUTDOWN_TIMEOUT_MS,
    kpiCacheEntries: parsed.KPI_CACHE_ENTRIES,
    kpiCacheMaxBytes: Math.round(parsed.KPI_CACHE_MB * 1024 * 1024),
    embeddedSharedBuffersMb: parsed.EMBEDDED_PG_SHARED_BUFFERS_MB ?? defaultSharedBuffersMb(),
    webhookAllowPrivateHosts: parsed.WEBHOOK_ALLOW_PRIVATE_HOSTS,
    webDistDir: path.join(repoRoot, 'apps/web/dist'),
    rateLimits: {
      importsPerHour: parsed.RATE_LIMIT_IMPORTS_PER_HOUR,
      exportsPerHour: parsed.RATE_LIMIT_EXPORTS_PER_HOUR,
      writesPerMinute: parsed.RATE_LIMIT_WRITES_PER_MINUTE,
    },
    trustProxy: parsed.TRUST_PROXY ?? false,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ''),
    mail: mailConfig(parsed),
    oidc: oidcConfig(parsed),
  }
}

type ParsedEnv = z.infer<typeof EnvSchema>

function mailConfig(parsed: ParsedEnv): MailConfig | null {
  if (parsed.SMTP_URL === undefined) {
    if (parsed.MAIL_FROM !== undefined) throw new ConfigError('invalid environment:\n  MAIL_FROM: needs SMTP_URL')
    return null
  }
  if (parsed.MAIL_FROM === undefined)
    throw new ConfigError('invalid environment:\n  MAIL_FROM: required with SMTP_URL (e.g. "KPI <kpi@example.com>")')
  return { smtpUrl: parsed.SMTP_URL, from: parsed.MAIL_FROM }
}

// All of issuer, client id and secret, or none: half a set-up would show a button that cannot work.
function oidcConfig(parsed: ParsedEnv): OidcConfig | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = parsed
  if (issuer !== undefined && clientId !== undefined && clientSecret !== undefined) {
    // Tokens and the client secret would cross the network in clear: only for a local or test provider.
    if (parsed.NODE_ENV === 'production' && new URL(issuer).protocol === 'http:')
      throw new ConfigError('invalid environment:\n  OIDC_ISSUER: must be https:// in production')
    return {
      issuer,
      clientId,
      clientSecret,
      name: parsed.OIDC_NAME ?? 'single sign-on',
      autoCreate: parsed.OIDC_AUTO_CREATE,
    }
  }
  const missing = Object.entries({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret })
    .filter(([, value]) => value === undefined)
    .map(
      ([name]) =>
        `  ${name}: required for single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together)`,
    )
  if (missing.length === 3) return null
  throw new ConfigError(`invalid environment:\n${missing.join('\n')}`)
}
