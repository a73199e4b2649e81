import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { findPostmasters } from './postgres-processes.ts'
import { readMigrations } from './migrator.ts'
import { openStore } from './store.ts'
import { createTestDatabase } from './testing/test-database.ts'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

const allMigrations = async () => (await readMigrations()).map((migration) => migration.name)

describe('openStore', () => {
  test('with a database url: migrates it and hands out a working pool and Prisma client', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const store = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent/never-used' })
    try {
      expect(store.embedded).toBe(false)
      expect(store.url).toBe(db.url)
      expect(store.applied).toEqual(await allMigrations())
      const org = await store.prisma.organization.create({ data: { name: 'Acme', slug: 'acme' } })
      // Defaults from the migration, read back through the raw pool.
      expect(
        (await store.pool.query('SELECT currency, time_zone FROM organizations WHERE id = $1', [org.id])).rows,
      ).toEqual([{ currency: 'EUR', time_zone: 'Europe/Amsterdam' }])
    } finally {
      await store.close()
      await store.close() // idempotent
    }
  })

  test('with a read url: a second pool there (never migrated), ended by close', async () => {
    await using db = await createTestDatabase()
    const store = await openStore({ databaseUrl: db.url, databaseReadUrl: db.url, dataDir: '/nonexistent/never-used' })
    expect(store.applied).toEqual([])
    expect((await store.readPool!.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
    await store.close()
    expect(store.readPool!.ended).toBe(true)
    const primaryOnly = await openStore({ databaseUrl: db.url, dataDir: '/nonexistent/never-used' })
    await primaryOnly.close()
    expect(primaryOnly.readPool).toBeNull()
  })

  test('without a url: starts the embedded server under dataDir, migrates once, keeps data across opens', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kpi-store-'))
    await chmod(dataDir, 0o755)
    dirs.push(dataDir)

    const first = await openStore({ dataDir })
    expect(first.embedded).toBe(true)
    expect(first.url).toMatch(/@127\.0\.0\.1:\d+\/kpi$/)
    expect(first.applied).toEqual(await allMigrations())
    await first.prisma.organization.create({ data: { name: 'Acme', slug: 'acme' } })
    await first.close()
    expect(findPostmasters(join(dataDir, 'postgres'))).toEqual([])

    const second = await openStore({ dataDir })
    try {
      expect(second.applied).toEqual([])
      expect(await second.prisma.organization.findMany({ select: { slug: true } })).toEqual([{ slug: 'acme' }])
    } finally {
      await second.close()
    }
    expect(findPostmasters(join(dataDir, 'postgres'))).toEqual([])
  })
})
