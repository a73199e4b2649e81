import type { KpiKey } from '@kpi/domain/kpis/keys'
import { costMonthsOf, efficiencyWindow, nrrWindows, pipelineAsOf } from '@kpi/domain/kpis/windows'
import type { Period, PeriodSettings } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import type { Instant } from '@kpi/domain/time-zone'
import type pg from 'pg'
import type { AuthUser } from '../../auth/auth-user.ts'
import { selectList } from '../../records/records.db.ts'
import type { EntityDef } from '../../records/entity.ts'
import type { RecordBounds } from '../../kpi/rows/span-sql.ts'
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
  /** The pipeline is measured at min(now, period end), as on the dashboard. */
  now: Instant
  /** For the windows some KPIs read besides the period (NRR's previous period, labour efficiency's 6 months). */
  settings: PeriodSettings
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
  const when = source.when(recordBounds(request, bind))
  const sort = request.sort ?? source.defaultSort
  const column = def.sorts[sort.replace(/^-/, '')]!
  // id as the tie-breaker keeps pages stable when many rows share a timestamp or amount.
  const orderBy = `t.${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, t.id`
  return { def, where: `${visible} AND ${scopeSql} AND ${when}`, params, orderBy, sort }
}

/**
 * The bounds a KPI's rows may read, each bound as a parameter on first use only (a statement must use every
 * parameter it is given). The windows come from kpis/windows.ts, as for the aggregates.
 */
function recordBounds(
  { period, now, settings }: Pick<RecordsRequest, 'period' | 'now' | 'settings'>,
  bind: (value: unknown) => string,
): RecordBounds {
  const once = (value: () => unknown, type: string) => {
    let sql: string | undefined
    return () => (sql ??= `${bind(value())}::${type}`)
  }
  const start = once(() => period.start, 'timestamptz')
  const end = once(() => period.end, 'timestamptz')
  const asOf = once(() => pipelineAsOf(period, now), 'timestamptz')
  const cohortBefore = once(() => nrrWindows(period, now, settings).cohortBefore, 'timestamptz')
  const periodMonths = once(() => costMonthsOf(period), 'date[]')
  const efficiencyMonths = once(() => costMonthsOf(efficiencyWindow(period, now, settings)), 'date[]')
  return {
    period: {
      get start() {
        return start()
      },
      get end() {
        return end()
      },
    },
    get asOf() {
      return asOf()
    },
    get cohortBefore() {
      return cohortBefore()
    },
    get periodMonths() {
      return periodMonths()
    },
    get efficiencyMonths() {
      return efficiencyMonths()
    },
  }
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
