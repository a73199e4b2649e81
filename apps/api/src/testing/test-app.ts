import { createServer } from 'node:net'
import { createPool, createPrisma } from '@kpi/db/client'
import { loadConfig, type Config } from '../config.ts'
import type { AppStore } from '../plugins/store.ts'

/**
 * A Config as the tests want it: silent logs, the web app served from `webDistDir` if given, and no rate limits
 * (suites that sweep every route send more than a person would; plugins/rate-limit.test.ts turns them on).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const noLimits = { importsPerHour: 0, exportsPerHour: 0, writesPerMinute: 0 }
  return { ...loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }), rateLimits: noLimits, ...overrides }
}

/** A port that was free a moment ago: something listened on it and let go. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || address === null) throw new Error('no port')
  return address.port
}

/**
 * A store whose database is not there (a closed port): every query fails with ECONNREFUSED. For tests that
 * need no data, and for the "database down" health answer. Dispose it to end the (empty) pools.
 */
export async function unreachableStore(): Promise<AppStore & AsyncDisposable> {
  const url = `postgres://nobody:nothing@127.0.0.1:${await freePort()}/none`
  const pool = createPool(url)
  const prisma = createPrisma(url)
  return {
    pool,
    prisma,
    async [Symbol.asyncDispose]() {
      await Promise.all([pool.end(), prisma.$disconnect()])
    },
  }
}
