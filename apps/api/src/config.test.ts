import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ConfigError, defaultSharedBuffersMb, loadConfig, repoRoot } from './config.ts'

describe('loadConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databaseReadUrl: undefined,
      readReplicaMaxWaitMs: 250,
      dataDir: path.join(repoRoot, '.data'),
      nodeEnv: 'development',
      logLevel: 'info',
      demoData: true,
      demoPassword: 'demo1234',
      shutdownTimeoutMs: 10_000,
      kpiCacheEntries: 500,
      kpiCacheMaxBytes: 64 * 1024 * 1024,
      embeddedSharedBuffersMb: defaultSharedBuffersMb(),
      webhookAllowPrivateHosts: false,
      webDistDir: path.join(repoRoot, 'apps/web/dist'),
      trustProxy: false,
      publicUrl: 'http://localhost:3000',
      mail: null,
      oidc: null,
    })
  })

  test('e-mail and single sign-on: PUBLIC_URL without its trailing slash, SMTP with its sender, OIDC as a set', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://kpi.example.com/',
      SMTP_URL: 'smtps://user:pa%40ss@mail.example.com:465',
      MAIL_FROM: 'KPI <kpi@example.com>',
      OIDC_ISSUER: 'https://login.example.com/realms/sales',
      OIDC_CLIENT_ID: 'kpi',
      OIDC_CLIENT_SECRET: 's3cret',
      OIDC_AUTO_CREATE: 'rep',
    })
    expect(config.publicUrl).toBe('https://kpi.example.com')
    expect(config.mail).toEqual({ smtpUrl: 'smtps://user:pa%40ss@mail.example.com:465', from: 'KPI <kpi@example.com>' })
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.com/realms/sales',
      clientId: 'kpi',
      clientSecret: 's3cret',
      name: 'single sign-on',
      autoCreate: 'rep',
    })
  })

  test.each([
    { env: { SMTP_URL: 'http://mail.example.com' }, message: /SMTP_URL: expected smtp:\/\/user:pass@host:port/ },
    { env: { SMTP_URL: 'smtp://mail.example.com:25' }, message: /MAIL_FROM: required with SMTP_URL/ },
    { env: { MAIL_FROM: 'kpi@example.com' }, message: /MAIL_FROM: needs SMTP_URL/ },
    { env: { PUBLIC_URL: 'kpi.example.com' }, message: /PUBLIC_URL: expected the http\(s\):\/\/ address/ },
    {
      env: { OIDC_ISSUER: 'https://login.example.com' },
      message: /OIDC_CLIENT_ID: required.*\n.*OIDC_CLIENT_SECRET: required/,
    },
    { env: { OIDC_AUTO_CREATE: 'admin' }, message: /OIDC_AUTO_CREATE: expected off or rep/ },
    {
      env: { DATABASE_READ_URL: 'postgres://kpi:kpi@replica:5432/kpi' },
      message: /DATABASE_READ_URL: needs DATABASE_URL/,
    },
    {
      env: { DATABASE_URL: 'postgres://kpi:kpi@db:5432/kpi', DATABASE_READ_URL: 'replica:5432' },
      message: /DATABASE_READ_URL: expected a postgres:\/\/ or postgresql:\/\/ URL of a read replica/,
    },
    { env: { READ_REPLICA_MAX_WAIT_MS: '-1' }, message: /READ_REPLICA_MAX_WAIT_MS: / },
    {
      // Tokens and the client secret in clear: only for a local or test provider, never in production.
      env: {
        NODE_ENV: 'production',
        OIDC_ISSUER: 'http://login.example.com',
        OIDC_CLIENT_ID: 'k',
        OIDC_CLIENT_SECRET: 's',
      },
      message: /OIDC_ISSUER: must be https:\/\/ in production/,
    },
  ])('$env is refused naming the variable', ({ env, message }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  test.each([
    { value: 'true', expected: true },
    { value: 'off', expected: false },
    { value: '10.0.0.5', expected: ['10.0.0.5'] },
    { value: '10.0.0.0/8, 192.168.1.1,::1,fd00::/8', expected: ['10.0.0.0/8', '192.168.1.1', '::1', 'fd00::/8'] },
    { value: 'loopback,uniquelocal', expected: ['loopback', 'uniquelocal'] },
  ])('TRUST_PROXY=$value is trustProxy $expected', ({ value, expected }) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected)
  })

  test('values are parsed, relative DATA_DIR is resolved against the working directory', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://kpi:kpi@db:5432/kpi',
      DATABASE_READ_URL: 'postgresql://kpi:kpi@db-replica:5432/kpi',
      READ_REPLICA_MAX_WAIT_MS: '100',
      DATA_DIR: 'some/dir',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'warn',
    })
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://kpi:kpi@db:5432/kpi',
      databaseReadUrl: 'postgresql://kpi:kpi@db-replica:5432/kpi',
      readReplicaMaxWaitMs: 100,
      dataDir: path.resolve('some/dir'),
      demoData: false,
      logLevel: 'warn',
    })
  })

  test('an empty variable counts as unset', () => {
    expect(loadConfig({ PORT: '', DEMO_DATA: '' })).toMatchObject({ port: 3000, demoData: true })
  })

  test.each([
    { env: { PORT: 'abc' }, names: ['PORT'] },
    { env: { PORT: '70000' }, names: ['PORT'] },
    { env: { DEMO_DATA: 'maybe' }, names: ['DEMO_DATA'] },
    { env: { DATABASE_URL: 'mysql://x@y/z' }, names: ['DATABASE_URL'] },
    { env: { LOG_LEVEL: 'loud', DEMO_PASSWORD: 'short' }, names: ['LOG_LEVEL', 'DEMO_PASSWORD'] },
    { env: { EMBEDDED_PG_SHARED_BUFFERS_MB: '8' }, names: ['EMBEDDED_PG_SHARED_BUFFERS_MB'] },
    { env: { TRUST_PROXY: 'proxy.internal' }, names: ['TRUST_PROXY'] },
    { env: { TRUST_PROXY: '10.0.0.0/33' }, names: ['TRUST_PROXY'] },
    { env: { TRUST_PROXY: '10.0.0.1,' }, names: ['TRUST_PROXY'] },
    { env: { TRUST_PROXY: '1' }, names: ['TRUST_PROXY'] }, // a hop count: Fastify 5 would trust nobody
  ])('bad $env is rejected naming $names', ({ env, names }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    try {
      loadConfig(env)
    } catch (error) {
      for (const name of names) expect((error as Error).message).toContain(`${name}:`)
    }
  })

  test('the offending value is quoted so a typo is visible', () => {
    expect(() => loadConfig({ PORT: '30o0' })).toThrow(/PORT: .*\(got "30o0"\)/)
  })

  test('production loads demo data only when asked to', () => {
    const production = { NODE_ENV: 'production' }
    expect(loadConfig(production).demoData).toBe(false)
    expect(loadConfig({ ...production, DEMO_DATA: 'true' }).demoData).toBe(true)
  })

  test("the embedded store's shared_buffers: a quarter of the memory within 128 MB – 2 GB, or as set", () => {
    const GiB = 2 ** 30
    expect(defaultSharedBuffersMb(0.25 * GiB)).toBe(128) // 64 MB would be below PostgreSQL's own default
    expect(defaultSharedBuffersMb(2 * GiB)).toBe(512)
    expect(defaultSharedBuffersMb(24 * GiB)).toBe(2048)
    expect(loadConfig({ EMBEDDED_PG_SHARED_BUFFERS_MB: '300' }).embeddedSharedBuffersMb).toBe(300)
  })
})
