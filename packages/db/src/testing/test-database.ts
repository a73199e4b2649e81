import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { inject } from 'vitest'
import { createPool, createPrisma } from '../client.ts'
import type { PrismaClient } from '../generated/prisma/client.ts'
import type {} from './vitest-context.ts'

// A fresh database per test file on the run's embedded cluster (see global-setup.ts for the set-up).

export type TestDatabase = {
  name: string
  url: string
  pool: pg.Pool
  prisma: PrismaClient
  /** Closes the clients, keeping the database (to copy it as a template). */
  closeClients(): Promise<void>
  /** Closes the clients and drops the database. */
  [Symbol.asyncDispose](): Promise<void>
}

export type TestDatabaseOptions = {
  /** false: an empty database (no tables, no _prisma_migrations), e.g. to test migrations themselves. */
  migrated?: boolean
  /**
   * Copy this database instead (e.g. one a test file seeded once, so each test starts from the same data). It
   * must have no open connections: end its clients first (`closeClients`).
   */
  template?: string
}

/** Copies the migrated template into a new database; `await using db = await createTestDatabase()`. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl')
  const template = options.template ?? (options.migrated === false ? 'template0' : inject('pgTemplateDatabase'))
  const name = `test_${randomBytes(6).toString('hex')}`
  await withAdmin(adminUrl, async (admin) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${admin.escapeIdentifier(template)}`)
        return
      } catch (error) {
        // 55006: the template is briefly busy (another CREATE DATABASE from it, autovacuum); try again.
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error
        await sleep(50 * attempt)
      }
    }
  })
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const pool = createPool(url.toString())
  const prisma = createPrisma(url.toString())
  let open = true
  const closeClients = async () => {
    if (!open) return
    open = false
    await Promise.allSettled([pool.end(), prisma.$disconnect()])
  }
  return {
    name,
    url: url.toString(),
    pool,
    prisma,
    closeClients,
    async [Symbol.asyncDispose]() {
      await closeClients()
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
    },
  }
}

async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}
