import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from './generated/prisma/client.ts'

/**
 * A Prisma client over the `pg` driver adapter (Prisma 7 has no built-in engine connection).
 * The adapter owns its own small pool; close it with `prisma.$disconnect()`.
 */
export function createPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) })
}

/**
 * A plain `pg` pool for what Prisma does badly: hand-written KPI aggregates, COPY-style bulk loads, DDL.
 * Idle-client errors (e.g. the server restarting) are swallowed here because pg would otherwise crash the
 * process with an unhandled 'error' event; the next query on a fresh client reports the problem instead.
 */
export function createPool(databaseUrl: string, options: { max?: number; connectionTimeoutMs?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    ...(options.connectionTimeoutMs !== undefined ? { connectionTimeoutMillis: options.connectionTimeoutMs } : {}),
  })
  pool.on('error', () => {})
  return pool
}
