import { createHash, randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

// Applies prisma/migrations the way `prisma migrate deploy` does, because the Prisma CLI's schema engine is
// not available everywhere we run (no binary download): same _prisma_migrations table, same checksum, same
// advisory lock id, so `prisma migrate status` on a machine that has the engine sees a consistent history.

/** The repository's prisma/migrations folder. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url))

/** The lock id Prisma's schema engine takes, so we also exclude a real `prisma migrate` running at the same time. */
const ADVISORY_LOCK_ID = 72707369

// Identical to the DDL the Prisma schema engine creates.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

export type MigrateOptions = {
  migrationsDir?: string
  /** Only the migrations whose folder name sorts before this one: a database as it was before it (tests, benches). */
  before?: string
}

export type MigrationFile = { name: string; sql: string; checksum: string }

type AppliedRow = {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
}

/** Thrown when the database's migration history cannot be trusted; the message names the migration. */
export class MigrationError extends Error {
  override name = 'MigrationError'
}

/** sha256 hex of the file bytes, as Prisma stores in `_prisma_migrations.checksum`. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex')
}

/** Every `<dir>/<name>/migration.sql`, sorted by folder name (the timestamp prefix gives the order). */
export async function readMigrations(migrationsDir = defaultMigrationsDir): Promise<MigrationFile[]> {
  // Like Prisma: migrations written for another provider must not be applied to PostgreSQL.
  const lock = await readFile(join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => undefined)
  const provider = lock?.match(/^\s*provider\s*=\s*"([^"]+)"/m)?.[1]
  if (provider !== undefined && provider !== 'postgresql') {
    throw new MigrationError(`${migrationsDir}/migration_lock.toml is for provider "${provider}", not "postgresql"`)
  }
  const entries = await readdir(migrationsDir, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: migrationChecksum(sql) }
    }),
  )
}

/**
 * Applies every pending migration, each in its own transaction, and returns the names it applied (in order).
 * Holds `pg_advisory_lock(72707369)` throughout, so a concurrent caller waits and then finds nothing to do.
 * Refuses (throws MigrationError) when a recorded migration failed or an applied migration's file changed.
 */
export async function migrate(target: pg.Pool | string, options: MigrateOptions = {}): Promise<string[]> {
  const before = options.before
  const files = (await readMigrations(options.migrationsDir)).filter(
    (file) => before === undefined || file.name < before,
  )
  // A pool's clients are pg.Client instances too, so remember which kind we hold.
  const ownClient = typeof target === 'string' ? new pg.Client({ connectionString: target }) : undefined
  if (ownClient) await ownClient.connect()
  const client = ownClient ?? (await (target as pg.Pool).connect())
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID])
    try {
      return await applyPending(client, files)
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID])
    }
  } finally {
    if (ownClient) await ownClient.end()
    else (client as pg.PoolClient).release()
  }
}

async function applyPending(client: pg.ClientBase, files: MigrationFile[]): Promise<string[]> {
  await client.query(CREATE_MIGRATIONS_TABLE)
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
      WHERE rolled_back_at IS NULL ORDER BY started_at`,
  )
  const failed = rows.find((row) => row.finished_at === null)
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations; fix the database, then ` +
        `mark it rolled back (set rolled_back_at) before migrating again.`,
    )
  }
  const applied = new Map(rows.map((row) => [row.migration_name, row.checksum]))
  for (const file of files) {
    const checksum = applied.get(file.name)
    if (checksum !== undefined && checksum !== file.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was modified after it was applied (checksum ${checksum.slice(0, 12)}… in the ` +
          `database, ${file.checksum.slice(0, 12)}… on disk); write a new migration instead of editing it.`,
      )
    }
  }
  const pending = files.filter((file) => !applied.has(file.name))
  for (const file of pending) await applyOne(client, file)
  return pending.map((file) => file.name)
}

async function applyOne(client: pg.ClientBase, file: MigrationFile): Promise<void> {
  const id = randomUUID()
  try {
    await client.query('BEGIN')
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, file.checksum, file.name],
    )
    // Simple-query protocol (no parameters) runs the whole multi-statement file, like the schema engine does.
    await client.query(file.sql)
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    )
    await client.query('COMMIT')
  } catch (error) {
    const logs = error instanceof Error ? error.message : String(error)
    try {
      await client.query('ROLLBACK')
      // The transaction undid the migration itself; record the failure (as Prisma does) so nobody builds on
      // it unknowingly, and so the next run refuses until someone has looked.
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at) VALUES ($1, $2, $3, $4, now())`,
        [id, file.checksum, file.name, logs],
      )
    } catch {
      // The connection itself is gone: the server rolled the transaction back and there is nothing to record.
    }
    throw new MigrationError(`Migration ${file.name} failed and was rolled back: ${logs}`, { cause: error })
  }
}
