import { HttpError } from '../http-errors.ts'
import type { Actor } from '../records/actor.ts'
import type { Importer } from './importer.ts'

export type UpsertCounts = {
  inserted: number
  updated: number
  unchanged: number
  /** Records of other kinds the import created on the way (teams named in a users file), by kind. */
  created?: Record<string, number>
}

/** Anything that runs one SQL statement with positional parameters and returns its rows. */
export type RunSql = <T>(sql: string, params: unknown[]) => Promise<T[]>

// Rows per statement: big enough that per-statement overhead vanishes, small enough to keep the parameter
// arrays (one per column) a few MB.
export const BATCH_ROWS = 5000
/** The import's first batch: small, so the database starts writing while the rest of the file is parsed. */
export const FIRST_BATCH_ROWS = 500

/**
 * `INSERT … SELECT FROM unnest(one array per column) ON CONFLICT … DO UPDATE … WHERE the row differs`: one
 * statement per batch, whatever the row count. Rows that are identical to the stored ones are not touched (no
 * new version, no dead tuple), which is what makes a second identical import report 0 inserted / 0 updated.
 * `writable` (SQL on the stored row `t`) keeps the update off rows the importer may not change, even one moved
 * to another team after `prepare` checked it.
 */
export function upsertSql(importer: Importer, writable = 'true'): string {
  const { table, columns, conflict } = importer
  const names = columns.map((c) => c.column)
  const aliases = columns.map((_, i) => `c${i}`)
  // An array column (calendar_fields text[]) travels as one array literal string per row, cast back per row:
  // unnest would flatten a two-dimensional array.
  const isArray = (pgType: string) => pgType.endsWith('[]')
  const arrays = columns.map((c, i) => `$${i + 2}::${isArray(c.pgType) ? 'text' : c.pgType}[]`)
  const selected = columns.map((c, i) => (isArray(c.pgType) ? `c${i}::${c.pgType}` : `c${i}`))
  const conflictColumns = new Set(conflict.replace(/[()\s]/g, '').split(','))
  const updatable = names.filter((name) => !conflictColumns.has(name))
  return `WITH written AS (
  INSERT INTO ${table} AS t (organization_id, ${names.join(', ')})
  SELECT $1::int, ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${aliases.join(', ')})
  ON CONFLICT ${conflict} DO UPDATE SET ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, version = t.version + 1
  WHERE (${updatable.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')})
    AND ${writable}
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`
}

/**
 * Upserts every row in batches through `run` (a transaction's client: the caller commits or rolls back).
 * `beforeBatch` runs in the transaction before each batch is written (the import's reference check,
 * foreign-keys.db.ts).
 */
export async function upsertRows(
  run: RunSql,
  importer: Importer,
  actor: Actor,
  rows: unknown[][],
  beforeBatch?: (batch: unknown[][]) => Promise<void>,
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const keyIndex = importer.columns.findIndex((c) => c.column === 'external_id')
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS)
    // Row-major → one array per column, which is what unnest takes, each sent as one array literal string.
    const params: unknown[] = [actor.organizationId, ...importer.columns.map((_, i) => arrayLiteral(batch, i))]
    const guarded = importer.writableWhere && actor.role !== 'admin'
    const writable = guarded ? importer.writableWhere!(actor, params) : 'true'
    if (beforeBatch) await beforeBatch(batch)
    const [result] = await run<{ inserted: number; updated: number }>(upsertSql(importer, writable), params)
    counts.inserted += result!.inserted
    counts.updated += result!.updated
    if (guarded && keyIndex >= 0) await refuseSkipped(run, importer, actor, batch, keyIndex)
  }
  counts.unchanged = rows.length - counts.inserted - counts.updated
  return counts
}

/**
 * After a guarded upsert every keyed row of the batch must be one the importer may change; one that is not was
 * moved to another team between `prepare`'s check and the write, and the guard skipped it. Counting it as
 * "unchanged" would hide that the file was not applied, so the whole import stops (409, rolled back).
 */
async function refuseSkipped(run: RunSql, importer: Importer, actor: Actor, batch: unknown[][], keyIndex: number) {
  const keys = batch.flatMap((row) => (typeof row[keyIndex] === 'string' ? [row[keyIndex]] : []))
  if (keys.length === 0) return
  const params: unknown[] = [actor.organizationId, keys]
  const visible = importer.writableWhere!(actor, params)
  const [found] = await run<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${importer.table} t
      WHERE t.organization_id = $1 AND t.external_id = ANY($2::text[]) AND (${visible}) IS TRUE`,
    params,
  )
  if (found!.n < keys.length)
    throw new HttpError(
      'conflict',
      'a record in the file was moved to a team you do not manage while it was imported; nothing was imported',
    )
}

/**
 * Column `index` of `rows` as a PostgreSQL array literal, `{"a","b\\"c",NULL}`. PostgreSQL reads it into the
 * parameter's declared array type (`$2::int[]`), exactly as it would the driver's own encoding; building it here
 * keeps the database client from inspecting 5000 × columns values one by one (Prisma's raw-query path does).
 */
const NEEDS_ESCAPE = /["\\]/
const ESCAPED = /["\\]/g

export function arrayLiteral(rows: readonly unknown[][], index: number): string {
  const parts: string[] = new Array<string>(rows.length)
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r]![index]
    if (value === null || value === undefined) parts[r] = 'NULL'
    else if (typeof value === 'number' || typeof value === 'boolean') parts[r] = String(value)
    else {
      const text = String(value)
      // Most values have neither quote nor backslash; skipping the regex for them halves this function's cost.
      parts[r] = `"${NEEDS_ESCAPE.test(text) ? text.replace(ESCAPED, '\\$&') : text}"`
    }
  }
  return `{${parts.join(',')}}`
}
