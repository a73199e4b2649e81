import type { Period } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import type pg from 'pg'
import type { AuthUser } from '../../auth/auth-user.ts'
import { selectList } from '../../records/records.db.ts'
import type { EntityDef } from '../../records/entity.ts'
import { entities } from '../../records/registry.ts'
import { visibleWhere } from '../../records/visibility.ts'
import { RECORD_SOURCES } from './kpi-records.ts'

export type RecordsPage = {
  entity: string
  items: Record<string, unknown>[]
  total: number
  page: number
  pageSize: number
  sort: string
  /** The fields the rows can be sorted by (ascending, or '-' first for descending). */
  sortable: string[]
}

export type RecordsRequest = {
  key: KpiKey
  scope: Scope
  period: Period
  page: number
  pageSize: number
  sort?: string
}

/** The sorts a KPI's records accept: the record layer's whitelist for its table, ascending or `-` descending. */
export function sortsFor(key: KpiKey): string[] {
  return Object.keys(entities[RECORD_SOURCES[key].entity].sorts).flatMap((s) => [s, `-${s}`])
}

export type RecordsSql = { def: EntityDef; where: string; params: unknown[]; orderBy: string; sort: string }

/**
 * The WHERE and ORDER BY selecting the rows behind a KPI for a scope and period. Null when the user's role may
 * not read that table at all (costs: admins only; surveys: not reps). Within the table the record layer's
 * visibility applies on top of the scope, so a rep allowed to see a team total still lists only their own rows.
 */
export function recordsSql(user: AuthUser, request: Omit<RecordsRequest, 'page' | 'pageSize'>): RecordsSql | null {
  const source = RECORD_SOURCES[request.key]
  const def = entities[source.entity]
  if (!def.roles.read.includes(user.role)) return null
  const params: unknown[] = []
  const visible = visibleWhere(def, user, params)
  const bind = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const scopeSql =
    request.scope.type === 'org' ? 'TRUE' : source.scope[request.scope.type].replaceAll('sc.id', bind(request.scope.id))
  const { start, end, startDate, endDate } = request.period
  const values: Record<string, [unknown, string]> = {
    ':startDate': [startDate, 'date'],
    ':endDate': [endDate, 'date'],
    ':start': [start, 'timestamptz'],
    ':end': [end, 'timestamptz'],
  }
  const placeholders: Record<string, string> = {}
  const when = source.when.replace(/:(startDate|endDate|start|end)\b/g, (name) => {
    placeholders[name] ??= `${bind(values[name]![0])}::${values[name]![1]}`
    return placeholders[name]
  })
  const sort = request.sort ?? source.defaultSort
  const column = def.sorts[sort.replace(/^-/, '')]!
  // id as the tie-breaker keeps pages stable when many rows share a timestamp or amount.
  const orderBy = `t.${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, t.id`
  return { def, where: `${visible} AND ${scopeSql} AND ${when}`, params, orderBy, sort }
}

/** One page of the rows behind a KPI (see recordsSql); null when the user's role may not read that table. */
export async function kpiRecords(pool: pg.Pool, user: AuthUser, request: RecordsRequest): Promise<RecordsPage | null> {
  const sql = recordsSql(user, request)
  if (sql === null) return null
  const { def, where, params, orderBy, sort } = sql
  const offset = (request.page - 1) * request.pageSize
  const [items, count] = await Promise.all([
    pool.query(
      `SELECT ${selectList(def)} FROM ${def.table} t WHERE ${where} ORDER BY ${orderBy} LIMIT ${request.pageSize} OFFSET ${offset}`,
      params,
    ),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM ${def.table} t WHERE ${where}`, params),
  ])
  return {
    entity: def.entity,
    items: items.rows,
    total: count.rows[0]!.total,
    page: request.page,
    pageSize: request.pageSize,
    sort,
    sortable: Object.keys(def.sorts).filter((s) => s !== 'id'),
  }
}
