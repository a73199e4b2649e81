/**
 * Customers and lifetime groups (kpis/aggregates.ts CustomersAggregate, LifetimeAggregate). A customer is
 * active at t when acquired (first won deal) before t and not churned before t. Lifetime runs the same
 * counts over the trailing 12-month CLV window (kpis/windows.ts clvWindow) plus the margin won in it.
 */
import type pg from 'pg'
import type { CustomersAggregate, LifetimeAggregate } from '@kpi/domain/kpis/aggregates'
import { clvWindow } from '@kpi/domain/kpis/windows'
import { parseCents } from '@kpi/domain/money'
import { firstWonDeal } from './acquisitions.sql.ts'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { activeAt, churnedIn, CUSTOMER_SCOPE, IDEAL_PROFILE } from './rows/customers.rows.ts'
import { wonIn } from './rows/deals.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const span = { start: 's.start_at', end: 's.end_at' }
/** Over the `acquired` rows below (alias t), which carry their acquisition instant. */
const active = (at: string) => activeAt('t.acquired', at)
const churned = `${active(span.start)} AND ${churnedIn(span)}`

const build = (withMargin: boolean) =>
  perScopeType((scope) => {
    const inScope = scope(CUSTOMER_SCOPE)
    // The margin of the scope's customers (t) on their deals (d) won in the span.
    const margin = `
CROSS JOIN LATERAL (
  SELECT coalesce(sum(d.amount - d.cost), 0)::text AS margin
  FROM deals d JOIN customers t ON t.id = d.customer_id AND t.organization_id = $1
  WHERE d.organization_id = $1 AND ${wonIn(span, 'd')} AND ${inScope}
) m`
    return `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i)),
-- The acquired customers of each scope with their acquisition instant, once for all spans.
acquired AS MATERIALIZED (
  SELECT sc.si, t.id, t.churned_at, t.ideal_profile, a.closed_at AS acquired
  FROM sc JOIN customers t ON t.organization_id = $1 AND ${inScope}
  CROSS JOIN LATERAL ${firstWonDeal('t.id')} a
)
SELECT sc.si, s.i, x.*${withMargin ? ', m.margin' : ''}
FROM sc CROSS JOIN s
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE ${active(span.start)})::int AS active_at_start,
         count(*) FILTER (WHERE ${active(span.end)})::int AS active_at_end,
         count(*) FILTER (WHERE ${active(span.end)} AND t.acquired >= s.start_at)::int AS new_active_at_end,
         count(*) FILTER (WHERE ${churned})::int AS churned,
         count(*) FILTER (WHERE ${active(span.start)} AND ${IDEAL_PROFILE})::int AS active_at_start_icp,
         count(*) FILTER (WHERE ${churned} AND ${IDEAL_PROFILE})::int AS churned_icp
  FROM acquired t WHERE t.si = sc.si
) x${withMargin ? margin : ''}`
  })

const CUSTOMERS_SQL = build(false)
const LIFETIME_SQL = build(true)

type Row = {
  si: string
  i: string
  active_at_start: number
  active_at_end: number
  new_active_at_end: number
  churned: number
  active_at_start_icp: number
  churned_icp: number
  margin?: string
}

export function queryCustomers(pool: pg.Pool, request: GroupRequest): Promise<Grid<CustomersAggregate>> {
  const { periods } = request
  return runGrid<Row, CustomersAggregate>(
    pool,
    CUSTOMERS_SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods)],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({
      activeAtStart: r.active_at_start,
      activeAtEnd: r.active_at_end,
      newActiveAtEnd: r.new_active_at_end,
      churned: r.churned,
      activeAtStartIcp: r.active_at_start_icp,
      churnedIcp: r.churned_icp,
    }),
  )
}

export function queryLifetime(pool: pg.Pool, request: GroupRequest): Promise<Grid<LifetimeAggregate>> {
  const windows = request.periods.map((p) => clvWindow(p, request.now, request.settings))
  return runGrid<Row, LifetimeAggregate>(
    pool,
    LIFETIME_SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(windows), endsOf(windows)],
    { scopes: scopeCount(request), spans: windows.length },
    (r) => ({
      marginCents: parseCents(r.margin ?? '0'),
      activeAtEnd: r.active_at_end,
      activeAtWindowStart: r.active_at_start,
      churnedInWindow: r.churned,
    }),
  )
}
