import type { Importer } from './importer.ts'

export type UpsertCounts = { inserted: number; updated: number; unchanged: number }

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
 */
export function upsertSql(importer: Importer): string {
  const { table, columns, conflict } = importer
  const names = columns.map((c) => c.column)
  const aliases = columns.map((_, i) => `c${i}`)
  const arrays = columns.map((c, i) => `$${i + 2}::${c.pgType}[]`)
  const conflictColumns = new Set(conflict.replace(/[()\s]/g, '').split(','))
  const updatable = names.filter((name) => !conflictColumns.has(name))
  return `WITH written AS (
  INSERT INTO ${table} AS t (organization_id, ${names.join(', ')})
  SELECT $1::int, ${aliases.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${aliases.join(', ')})
  ON CONFLICT ${conflict} DO UPDATE SET ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, version = t.version + 1
  WHERE (${updatable.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')})
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM written`
}

/** Upserts every row in batches through `run` (a transaction's client: the caller commits or rolls back). */
export async function upsertRows(
  run: RunSql,
  importer: Importer,
  organizationId: number,
  rows: unknown[][],
): Promise<UpsertCounts> {
  const sql = upsertSql(importer)
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 }
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS)
    // Row-major → one array per column, which is what unnest takes, each sent as one array literal string.
    const arrays = importer.columns.map((_, i) => arrayLiteral(batch, i))
    const [result] = await run<{ inserted: number; updated: number }>(sql, [organizationId, ...arrays])
    counts.inserted += result!.inserted
    counts.updated += result!.updated
  }
  counts.unchanged = rows.length - counts.inserted - counts.updated
  return counts
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
