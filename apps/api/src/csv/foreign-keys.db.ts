/**
 * An import's foreign keys, checked per batch instead of per row (decision 44).
 *
 * PostgreSQL checks a foreign key with one trigger call per row and key: an activity has six, and their calls
 * were a third of the time its import spent in PostgreSQL (17 of 50 µs a row on the benchmark database). The import
 * already knows every reference of a batch (`prepare` resolved them), so it checks them itself: one statement per
 * batch that locks the referenced rows exactly as those triggers would (FOR KEY SHARE: nobody can delete them or
 * change their key until the import commits) and counts them. It then writes the batch with
 * `session_replication_role = replica` (transaction-local), under which PostgreSQL skips the per-row checks, the way
 * `pg_restore --disable-triggers` loads data. Our own triggers (data versions, lead facts) are ENABLE ALWAYS and fire
 * as before (migration 20261211010000).
 *
 * Used only when it is safe: the database role may set the parameter (a superuser, as the embedded server's and the
 * docker-compose one are, or a role granted SET on it), every trigger in the database is ALWAYS (one that is not
 * would silently not fire), and every foreign key of the table is a single column pointing at another table (a
 * self-reference could point into the batch being written). Otherwise the import writes as any other statement does.
 */
import { HttpError } from '../http-errors.ts'
import type { Importer } from './importer.ts'
import { arrayLiteral, type RunSql } from './upsert.db.ts'

/** One foreign key of the imported table: its column; the referenced table and column (quoted SQL) and type. */
export type ForeignKey = { column: string; refTable: string; refColumn: string; refType: string }

/** How an import's batches get their references checked: by the import (these keys), or by PostgreSQL (null). */
export type BatchedKeys = ForeignKey[] | null

/** The foreign keys the import checks per batch for `importer`'s table, or null when PostgreSQL must. */
export async function batchedForeignKeys(run: RunSql, importer: Importer): Promise<BatchedKeys> {
  const [role] = await run<{ superuser: boolean; version: number }>(
    `SELECT current_setting('is_superuser') = 'on' AS superuser, current_setting('server_version_num')::int AS version`,
    [],
  )
  let allowed = role!.superuser
  // has_parameter_privilege exists from PostgreSQL 15 on (GRANT SET ON PARAMETER); before that only superusers.
  if (!allowed && role!.version >= 150000) {
    const [grant] = await run<{ allowed: boolean }>(
      `SELECT has_parameter_privilege('session_replication_role', 'SET') AS allowed`,
      [],
    )
    allowed = grant!.allowed
  }
  if (!allowed) return null
  const [triggers] = await run<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'A'`,
    [],
  )
  if (triggers!.n > 0) return null
  const keys = await run<ForeignKey & { width: number; self: boolean }>(
    `SELECT a.attname AS "column", c.confrelid::regclass::text AS "refTable",
            quote_ident(r.attname) AS "refColumn", format_type(r.atttypid, r.atttypmod) AS "refType",
            cardinality(c.conkey) AS width, c.confrelid = c.conrelid AS self
     FROM pg_constraint c
     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND c.conrelid = $1::regclass
     ORDER BY c.conname`,
    [importer.table],
  )
  if (keys.some((k) => k.width !== 1 || k.self)) return null
  // A key column the upsert does not write keeps its stored value (or NULL in a new row): nothing to check.
  const written = new Set(['organization_id', ...importer.columns.map((c) => c.column)])
  return keys
    .filter((k) => written.has(k.column))
    .map(({ column, refTable, refColumn, refType }) => ({ column, refTable, refColumn, refType }))
}

/**
 * Locks every row the batch refers to (FOR KEY SHARE, as PostgreSQL's foreign-key check does), checks that each
 * exists, and turns PostgreSQL's per-row checks off for the rest of the transaction: one statement. `rows` are the
 * upsert's rows (importer.columns order; organization_id is the actor's). A reference that is gone — deleted by
 * someone else after `prepare` resolved it — stops the import (409, rolled back), as the foreign key would have.
 */
export async function lockReferences(
  run: RunSql,
  keys: ForeignKey[],
  importer: Importer,
  organizationId: number,
  rows: readonly unknown[][],
): Promise<void> {
  const params: unknown[] = []
  const wanted: number[] = []
  const counts = keys.map((key) => {
    const index = importer.columns.findIndex((c) => c.column === key.column)
    const values = new Set<unknown>()
    if (index < 0) values.add(organizationId)
    else for (const row of rows) if (row[index] !== null && row[index] !== undefined) values.add(row[index])
    wanted.push(values.size)
    params.push(
      arrayLiteral(
        [...values].map((v) => [v]),
        0,
      ),
    )
    return `(SELECT count(*)::int FROM (SELECT 1 FROM ${key.refTable} r WHERE r.${key.refColumn} = ANY($${params.length}::${key.refType}[]) FOR KEY SHARE OF r) x) AS k${params.length - 1}`
  })
  const [found] = await run<Record<string, number>>(
    `SELECT set_config('session_replication_role', 'replica', TRUE) AS role${counts.map((c) => `,\n  ${c}`).join('')}`,
    params,
  )
  keys.forEach((key, i) => {
    if (found![`k${i}`]! < wanted[i]!)
      throw new HttpError(
        'conflict',
        `a record the file refers to (${key.column}, in ${key.refTable}) was deleted while the file was imported; nothing was imported`,
      )
  })
}

/** PostgreSQL's per-row foreign-key checks back on, for whatever the transaction writes after the batches. */
export async function restoreKeyChecks(run: RunSql): Promise<void> {
  await run(`SELECT set_config('session_replication_role', 'origin', TRUE)`, [])
}
