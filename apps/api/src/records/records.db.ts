import type pg from 'pg'
import { HttpError } from '../http-errors.ts'
import type { Actor } from './actor.ts'
import type { EntityDef, FieldDef } from './entity.ts'
import { listWhere, type ListQuery } from './list-query.ts'
import { readExpression, toSqlValue } from './sql-values.ts'
import { CALENDAR_COLUMN, hasCalendarFields } from './calendar-dates.ts'
import { visibleWhere } from './visibility.ts'

export type RecordRow = Record<string, unknown> & { id: number; version: number }

/** `SELECT` list giving a record in its API shape: id, version, every field, and the derived teamId. */
export function selectList(def: EntityDef): string {
  const columns = ['t.id AS "id"', 't.version AS "version"']
  for (const field of def.fields) columns.push(`${readExpression(field)} AS "${field.name}"`)
  if (def.stampsTeam) columns.push('t.team_id AS "teamId"')
  return columns.join(', ')
}

export async function organisationTimeZone(pool: pg.Pool, organizationId: number): Promise<string> {
  const { rows } = await pool.query<{ time_zone: string }>('SELECT time_zone FROM organizations WHERE id = $1', [
    organizationId,
  ])
  return rows[0]?.time_zone ?? 'Europe/Amsterdam'
}

export async function listRecords(pool: pg.Pool, def: EntityDef, actor: Actor, query: ListQuery) {
  const timeZone = await organisationTimeZone(pool, actor.organizationId)
  const { where, params, orderBy } = listWhere(def, actor, query, timeZone)
  const offset = (query.page - 1) * query.pageSize
  const [items, count] = await Promise.all([
    pool.query<RecordRow>(
      `SELECT ${selectList(def)} FROM ${def.table} t WHERE ${where} ORDER BY ${orderBy}
       LIMIT ${query.pageSize} OFFSET ${offset}`,
      params,
    ),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${def.table} t WHERE ${where}`, params),
  ])
  return { items: items.rows, total: count.rows[0]!.total, page: query.page, pageSize: query.pageSize }
}

export async function getRecord(
  pool: Pick<pg.Pool, 'query'>,
  def: EntityDef,
  actor: Actor,
  id: number,
): Promise<RecordRow> {
  const params: unknown[] = [id]
  const where = visibleWhere(def, actor, params)
  const { rows } = await pool.query<RecordRow>(
    `SELECT ${selectList(def)} FROM ${def.table} t WHERE t.id = $1 AND ${where}`,
    params,
  )
  // Not visible and not there look the same: an id from another team or organisation gives nothing away.
  if (!rows[0]) throw new HttpError('not_found', `${def.entity} ${id} not found`)
  return rows[0]
}

/** The instant columns of a stored row that were entered as calendar dates (calendar-dates.ts). */
export async function calendarFieldsOf(pool: Pick<pg.Pool, 'query'>, def: EntityDef, id: number): Promise<string[]> {
  if (!hasCalendarFields(def)) return []
  const { rows } = await pool.query<{ marked: string[] | null }>(
    `SELECT t.${CALENDAR_COLUMN} AS marked FROM ${def.table} t WHERE t.id = $1`,
    [id],
  )
  return rows[0]?.marked ?? []
}

/** Column list and parameters for a full write of `row` (fields, derived columns, team from the owner). */
function writeColumns(def: EntityDef, row: Record<string, unknown>, ownerTeamId: number | null, timeZone: string) {
  const columns: { column: string; pgType: string; value: unknown }[] = def.fields.map((field: FieldDef) => ({
    column: field.column,
    pgType: field.pgType,
    value: toSqlValue(field, row[field.name], timeZone),
  }))
  for (const derived of def.derived ?? []) columns.push({ ...derived, value: derived.from(row) })
  if (def.stampsTeam) columns.push({ column: 'team_id', pgType: 'int', value: ownerTeamId })
  return columns
}

export async function insertRecord(
  pool: pg.Pool,
  def: EntityDef,
  actor: Actor,
  row: Record<string, unknown>,
  ownerTeamId: number | null,
  timeZone: string,
): Promise<RecordRow> {
  const columns = writeColumns(def, row, ownerTeamId, timeZone)
  const params = [actor.organizationId, ...columns.map((c) => c.value)]
  const { rows } = await translate(def, () =>
    pool.query<{ id: number }>(
      `INSERT INTO ${def.table} (organization_id, ${columns.map((c) => c.column).join(', ')})
       VALUES ($1, ${columns.map((c, i) => `$${i + 2}::${c.pgType}`).join(', ')}) RETURNING id`,
      params,
    ),
  )
  return getRecord(pool, def, { ...actor, role: 'admin' }, rows[0]!.id)
}

/** Writes every field of `row` if the stored version is still `version`; null when someone else got there first. */
export async function updateRecord(
  pool: pg.Pool,
  def: EntityDef,
  actor: Actor,
  id: number,
  version: number,
  row: Record<string, unknown>,
  ownerTeamId: number | null,
  timeZone: string,
): Promise<RecordRow | null> {
  const columns = writeColumns(def, row, ownerTeamId, timeZone)
  const params: unknown[] = [id, version, ...columns.map((c) => c.value)]
  const sets = columns.map((c, i) => `${c.column} = $${i + 3}::${c.pgType}`)
  const where = visibleWhere(def, actor, params)
  const { rowCount } = await translate(def, () =>
    pool.query(
      `UPDATE ${def.table} t SET ${sets.join(', ')}, version = t.version + 1
       WHERE t.id = $1 AND t.version = $2 AND ${where}`,
      params,
    ),
  )
  if (rowCount === 0) return null
  return getRecord(pool, def, { ...actor, role: 'admin' }, id)
}

/** Deletes a visible record (only at `version`, when given: 409 if it moved on since). */
export async function deleteRecord(pool: pg.Pool, def: EntityDef, actor: Actor, id: number, version?: number) {
  const params: unknown[] = [id, version ?? null]
  const where = visibleWhere(def, actor, params)
  const { rowCount } = await translate(def, () =>
    pool.query(
      `DELETE FROM ${def.table} t WHERE t.id = $1 AND ($2::int IS NULL OR t.version = $2) AND ${where}`,
      params,
    ),
  )
  if (rowCount === 0 && version !== undefined)
    throw new HttpError('conflict', `this ${def.entity} record was changed or deleted meanwhile`, 'query.version')
  if (rowCount === 0) throw new HttpError('not_found', `${def.entity} ${id} not found`)
}

/** Constraint violations the client can fix become 409s that say which; anything else stays a 500. */
async function translate<T>(def: EntityDef, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === '23505')
      throw new HttpError('conflict', `another ${def.entity} record already has this externalId`, 'body.externalId')
    if (code === '23503')
      throw new HttpError(
        'conflict',
        `other records still refer to this ${def.entity} record; change or delete them first`,
      )
    throw error
  }
}
