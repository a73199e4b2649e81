import { join } from 'node:path'
import type pg from 'pg'
import { createPool, createPrisma } from './client.ts'
import { startEmbeddedPostgres } from './embedded.ts'
import type { EmbeddedPostgresServer } from './embedded.ts'
import type { PrismaClient } from './generated/prisma/client.ts'
import { migrate } from './migrator.ts'

export type StoreOptions = {
  /** An external PostgreSQL (production, docker-compose). When absent, the embedded server is used. */
  databaseUrl?: string
  /** A streaming read replica of databaseUrl (never migrated: it replays the primary). */
  databaseReadUrl?: string
  /** The application's data folder; the embedded server keeps its cluster in `<dataDir>/postgres`. */
  dataDir: string
  /** Migrations folder; the repository's prisma/migrations by default. */
  migrationsDir?: string
  /** The embedded server's shared_buffers in MB (PostgreSQL's 128 MB when omitted); ignored with databaseUrl. */
  sharedBuffersMb?: number
}

export type Store = {
  url: string
  pool: pg.Pool
  prisma: PrismaClient
  /** A pool on the read replica (databaseReadUrl), or null. */
  readPool: pg.Pool | null
  /** True when the data lives in the embedded server under dataDir. */
  embedded: boolean
  /** Names of the migrations this open applied (empty when the schema was already current). */
  applied: string[]
  /** Ends the pool and Prisma, then stops the embedded server. Idempotent. */
  close(): Promise<void>
}

/** The one way the application gets a database: connect (or start the embedded server), migrate, hand out clients. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const server: EmbeddedPostgresServer | undefined = options.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: join(options.dataDir, 'postgres'),
        database: 'kpi',
        ...(options.sharedBuffersMb !== undefined ? { sharedBuffersMb: options.sharedBuffersMb } : {}),
      })
  const url = options.databaseUrl ?? server!.url
  const pool = createPool(url)
  let applied: string[]
  try {
    applied = await migrate(pool, { migrationsDir: options.migrationsDir })
  } catch (error) {
    await pool.end()
    await server?.stop()
    throw error
  }
  const prisma = createPrisma(url)
  // A replica that does not answer must not hold a request for long: the primary answers instead.
  const readPool = options.databaseReadUrl ? createPool(options.databaseReadUrl, { connectionTimeoutMs: 2_000 }) : null
  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      await Promise.allSettled([pool.end(), prisma.$disconnect(), readPool?.end()])
      await server?.stop()
    })()
    return closing
  }
  return { url, pool, prisma, readPool, embedded: server !== undefined, applied, close }
}
