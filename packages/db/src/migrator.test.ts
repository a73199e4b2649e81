import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createPool } from './client.ts'
import { migrate, migrationChecksum, MigrationError } from './migrator.ts'
import { createTestDatabase } from './testing/test-database.ts'

const dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** A throwaway migrations folder: { '20260101000000_a': 'CREATE TABLE …' } */
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kpi-migrations-'))
  dirs.push(dir)
  await writeMigrations(dir, files)
  return dir
}

async function writeMigrations(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, sql] of Object.entries(files)) {
    await mkdir(join(dir, name), { recursive: true })
    await writeFile(join(dir, name, 'migration.sql'), sql)
  }
}

type Row = { migration_name: string; checksum: string; id: string; finished_at: Date | null; logs: string | null }

const first = 'CREATE TABLE "a" ("id" SERIAL NOT NULL, CONSTRAINT "a_pkey" PRIMARY KEY ("id"));\n'
// Needs table "a", so it only succeeds when applied after 20260101000000_first.
const second = 'ALTER TABLE "a" ADD COLUMN "name" TEXT;\nINSERT INTO "a" ("name") VALUES (\'x\');\n'

describe('migrate', () => {
  test('applies pending migrations in name order and records them like prisma migrate deploy', async () => {
    await using db = await createTestDatabase({ migrated: false })
    // Written in reverse order on purpose: the folder name, not creation order, decides.
    const dir = await migrationsDir({ '20260102000000_second': second, '20260101000000_first': first })

    expect(await migrate(db.pool, { migrationsDir: dir })).toEqual(['20260101000000_first', '20260102000000_second'])

    const { rows } = await db.pool.query<Row & { applied_steps_count: number; rolled_back_at: Date | null }>(
      'SELECT * FROM "_prisma_migrations" ORDER BY migration_name',
    )
    expect(rows.map((row) => [row.migration_name, row.checksum, row.applied_steps_count, row.rolled_back_at])).toEqual([
      ['20260101000000_first', migrationChecksum(first), 1, null],
      ['20260102000000_second', migrationChecksum(second), 1, null],
    ])
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(row.finished_at).toBeInstanceOf(Date)
    }
    expect((await db.pool.query('SELECT name FROM a')).rows).toEqual([{ name: 'x' }])
  })

  test('the checksum is the sha256 hex of the file, as Prisma computes it', () => {
    // sha256("") is the well-known e3b0c442…b855.
    expect(migrationChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  test('a second run applies nothing and records nothing', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const dir = await migrationsDir({ '20260101000000_first': first, '20260102000000_second': second })
    await migrate(db.url, { migrationsDir: dir })

    expect(await migrate(db.url, { migrationsDir: dir })).toEqual([])
    expect((await db.pool.query('SELECT count(*)::int AS n FROM "_prisma_migrations"')).rows).toEqual([{ n: 2 }])
    expect((await db.pool.query('SELECT count(*)::int AS n FROM a')).rows).toEqual([{ n: 1 }])
  })

  test('a new migration added later is applied on its own', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const dir = await migrationsDir({ '20260101000000_first': first })
    await migrate(db.pool, { migrationsDir: dir })
    await writeMigrations(dir, { '20260102000000_second': second })

    expect(await migrate(db.pool, { migrationsDir: dir })).toEqual(['20260102000000_second'])
  })

  test('`before` stops short of the named migration; a later run applies the rest', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const dir = await migrationsDir({ '20260101000000_first': first, '20260102000000_second': second })
    expect(await migrate(db.pool, { migrationsDir: dir, before: '20260102000000_second' })).toEqual([
      '20260101000000_first',
    ])
    expect((await db.pool.query('SELECT count(*)::int AS n FROM a')).rows).toEqual([{ n: 0 }])
    expect(await migrate(db.pool, { migrationsDir: dir })).toEqual(['20260102000000_second'])
  })

  test('refuses, naming the migration, when an applied migration file was edited', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const dir = await migrationsDir({ '20260101000000_first': first, '20260102000000_second': second })
    await migrate(db.pool, { migrationsDir: dir })
    await writeMigrations(dir, { '20260101000000_first': `${first}-- an innocent-looking edit\n` })

    await expect(migrate(db.pool, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20260101000000_first was modified after it was applied/,
    )
  })

  test('a failing migration is rolled back, recorded as failed, and blocks later runs until resolved', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const broken = 'CREATE TABLE "b" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n'
    const dir = await migrationsDir({ '20260101000000_first': first, '20260102000000_broken': broken })

    const error = await migrate(db.pool, { migrationsDir: dir }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as Error).message).toMatch(/Migration 20260102000000_broken failed and was rolled back/)
    // One transaction per migration: "b" from the broken file is gone, "a" from the good one stays.
    expect((await db.pool.query(`SELECT to_regclass('b') AS b, to_regclass('a') AS a`)).rows).toEqual([
      { b: null, a: 'a' },
    ])
    const { rows } = await db.pool.query<Row>(
      `SELECT migration_name, finished_at, logs FROM "_prisma_migrations" WHERE migration_name LIKE '%broken'`,
    )
    expect(rows).toEqual([
      { migration_name: '20260102000000_broken', finished_at: null, logs: expect.stringContaining('no_such_table') },
    ])

    await writeMigrations(dir, { '20260102000000_broken': 'CREATE TABLE "b" ("id" INTEGER);\n' })
    await expect(migrate(db.pool, { migrationsDir: dir })).rejects.toThrow(
      /Migration 20260102000000_broken is recorded as failed/,
    )
    // Resolving it the Prisma way (`migrate resolve --rolled-back`) lets the fixed file through.
    await db.pool.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL`)
    expect(await migrate(db.pool, { migrationsDir: dir })).toEqual(['20260102000000_broken'])
  })

  test('refuses migrations locked to another provider (migration_lock.toml), like Prisma', async () => {
    const dir = await migrationsDir({ '20260101000000_first': first })
    await writeFile(join(dir, 'migration_lock.toml'), 'provider = "mysql"\n')

    await expect(migrate('postgresql://unused', { migrationsDir: dir })).rejects.toThrow(
      /migration_lock.toml is for provider "mysql", not "postgresql"/,
    )
  })

  test('two processes migrating at once: both succeed, each migration is applied exactly once', async () => {
    await using db = await createTestDatabase({ migrated: false })
    // pg_sleep widens the window so the second caller really arrives while the first holds the lock.
    const slow = `${first}SELECT pg_sleep(0.3);\n`
    const dir = await migrationsDir({ '20260101000000_first': slow, '20260102000000_second': second })
    const poolA = createPool(db.url)
    const poolB = createPool(db.url)
    try {
      const results = await Promise.all([
        migrate(poolA, { migrationsDir: dir }),
        migrate(poolB, { migrationsDir: dir }),
      ])
      // Whoever got the lock first applied both; the other waited and found nothing to do.
      expect(results.flat().sort()).toEqual(['20260101000000_first', '20260102000000_second'])
      expect(results.map((names) => names.length).sort()).toEqual([0, 2])
    } finally {
      await Promise.all([poolA.end(), poolB.end()])
    }
    const { rows } = await db.pool.query(
      'SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1',
    )
    expect(rows).toEqual([
      { migration_name: '20260101000000_first', n: 1 },
      { migration_name: '20260102000000_second', n: 1 },
    ])
    // The INSERT in the second migration ran once.
    expect((await db.pool.query('SELECT count(*)::int AS n FROM a')).rows).toEqual([{ n: 1 }])
  })
})
