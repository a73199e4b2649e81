import type pg from 'pg'
import type { Actor } from './actor.ts'
import type { EntityDef, FieldDef, RefKind } from './entity.ts'
import { listWhere, type ListQuery } from './list-query.ts'
import { readExpression } from './sql-values.ts'

// A reference exported the way the import names it, so an exported file imports back unchanged.
const refKey: Record<RefKind, (column: string) => string> = {
  user: (c) => `(SELECT r.email FROM users r WHERE r.id = t.${c})`,
  customer: (c) => `(SELECT r.external_id FROM customers r WHERE r.id = t.${c})`,
  lead: (c) => `(SELECT r.external_id FROM leads r WHERE r.id = t.${c})`,
  deal: (c) => `(SELECT r.external_id FROM deals r WHERE r.id = t.${c})`,
  product: (c) => `(SELECT coalesce(r.external_id, r.name) FROM products r WHERE r.id = t.${c})`,
  team: (c) => `(SELECT r.name FROM teams r WHERE r.id = t.${c})`,
  region: (c) => `(SELECT r.name FROM regions r WHERE r.id = t.${c})`,
}

/** The export's columns: the import's field names, in the entity's field order. */
export function exportHeader(def: EntityDef): string[] {
  return def.fields.map((f) => f.ref?.csvName ?? f.name)
}

function exportExpression(field: FieldDef): string {
  return field.ref ? refKey[field.ref.kind](field.column) : readExpression(field)
}

// Rows per FETCH: keeps memory flat however big the export is.
const FETCH_ROWS = 2000

/**
 * Every row `actor` may see that matches the list filters, as arrays in `exportHeader` order, read through a
 * server-side cursor inside one read-only transaction (a consistent snapshot, constant memory).
 */
export function exportRows(
  pool: pg.Pool,
  def: EntityDef,
  actor: Actor,
  query: ListQuery,
  timeZone: string,
): AsyncGenerator<unknown[]> {
  return exportSelection(pool, def, listWhere(def, actor, query, timeZone))
}

/** The same, for any selection of `def`'s rows (alias `t`): the rows behind a KPI export this way too. */
export async function* exportSelection(
  pool: pg.Pool,
  def: EntityDef,
  { where, params, orderBy }: { where: string; params: unknown[]; orderBy: string },
): AsyncGenerator<unknown[]> {
  const client = await pool.connect()
  let failed = false
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const select = def.fields.map(exportExpression).join(', ')
    await client.query(
      `DECLARE export_cursor NO SCROLL CURSOR FOR SELECT ${select} FROM ${def.table} t WHERE ${where} ORDER BY ${orderBy}`,
      params,
    )
    for (;;) {
      const { rows } = await client.query<unknown[]>({
        text: `FETCH ${FETCH_ROWS} FROM export_cursor`,
        rowMode: 'array',
      })
      for (const row of rows) yield row
      if (rows.length < FETCH_ROWS) break
    }
  } catch (error) {
    failed = true
    throw error
  } finally {
    // Also reached when the client went away mid-download (the generator is returned early).
    await client.query('ROLLBACK').catch(() => {
      failed = true
    })
    client.release(failed)
  }
}
