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

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' }).optional(),
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
  WEBHOOK_ALLOW_PRIVATE_HOSTS: booleanFlag.default(false),
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
}

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
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL,
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
  }
}
