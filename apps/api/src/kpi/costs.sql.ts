/**
 * Costs and efficiency groups (kpis/aggregates.ts CostsAggregate, EfficiencyAggregate). Costs are booked
 * per month (a date), so a span reads the months whose first day lies in it, each pro-rated to the calendar
 * time its figures cover (kpis/windows.ts costShares: a running month counts for its elapsed share), passed as
 * (span position, month, elapsed ms, month ms) rows. Efficiency reads the trailing 6-month window
 * (kpis/windows.ts efficiencyWindow): its fixed and personnel costs and the non-renewal revenue won in it.
 */
import type pg from 'pg'
import type { CostsAggregate, EfficiencyAggregate } from '@kpi/domain/kpis/aggregates'
import { costShares, efficiencyWindow } from '@kpi/domain/kpis/windows'
import { parseCents } from '@kpi/domain/money'
import type { Span } from '@kpi/domain/periods'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { COST_CATEGORIES, COST_SCOPE, NEW_REVENUE_TYPE, ofCategories } from './rows/costs.rows.ts'
import { DEAL_SCOPE, wonIn } from './rows/deals.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

// Rounded per cost row half away from zero, as kpis/windows.ts proRatedCents does.
const sumCategory = (category: (typeof COST_CATEGORIES)[number]) =>
  `coalesce(sum(round(t.amount * m.elapsed_ms / m.month_ms, 2)) FILTER (WHERE ${ofCategories([category])}), 0)::text AS ${category.toLowerCase()}`
const span = { start: 's.start_at', end: 's.end_at' }

const build = (withRevenue: boolean) =>
  perScopeType((scope) => {
    const revenue = `
CROSS JOIN LATERAL (
  SELECT coalesce(sum(t.amount), 0)::text AS new_revenue FROM deals t
  WHERE t.organization_id = $1 AND ${wonIn(span)} AND ${NEW_REVENUE_TYPE} AND ${scope(DEAL_SCOPE)}
) r`
    return `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i)),
m AS (
  SELECT * FROM unnest($5::int[], $6::date[], $7::bigint[], $8::bigint[]) AS m(i, month, elapsed_ms, month_ms)
)
SELECT sc.si, s.i, x.*${withRevenue ? ', r.new_revenue' : ''}
FROM sc CROSS JOIN s
CROSS JOIN LATERAL (
  SELECT ${COST_CATEGORIES.map(sumCategory).join(', ')}
  FROM costs t JOIN m ON m.i = s.i AND m.month = t.month
  WHERE t.organization_id = $1 AND ${scope(COST_SCOPE)}
) x${withRevenue ? revenue : ''}`
  })

const COSTS_SQL = build(false)
const EFFICIENCY_SQL = build(true)

type Row = {
  si: string
  i: string
  marketing: string
  sales: string
  personnel: string
  fixed: string
  new_revenue?: string
}

/** Span bounds plus the flattened cost months of each span with their elapsed share (kpis/windows.ts costShares). */
function spanParams(spans: readonly Span[], { now, settings }: GroupRequest): unknown[] {
  const positions: number[] = []
  const months: string[] = []
  const elapsedMs: number[] = []
  const monthMs: number[] = []
  spans.forEach((span, index) => {
    for (const share of costShares(span, now, settings.timeZone)) {
      positions.push(index + 1)
      months.push(share.month)
      elapsedMs.push(share.elapsedMs)
      monthMs.push(share.monthMs)
    }
  })
  return [startsOf(spans), endsOf(spans), positions, months, elapsedMs, monthMs]
}

export function queryCosts(pool: pg.Pool, request: GroupRequest): Promise<Grid<CostsAggregate>> {
  const { periods } = request
  return runGrid<Row, CostsAggregate>(
    pool,
    COSTS_SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), ...spanParams(periods, request)],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({
      marketingCents: parseCents(r.marketing),
      salesCents: parseCents(r.sales),
      personnelCents: parseCents(r.personnel),
      fixedCents: parseCents(r.fixed),
    }),
  )
}

export function queryEfficiency(pool: pg.Pool, request: GroupRequest): Promise<Grid<EfficiencyAggregate>> {
  const windows = request.periods.map((p) => efficiencyWindow(p, request.now, request.settings))
  return runGrid<Row, EfficiencyAggregate>(
    pool,
    EFFICIENCY_SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), ...spanParams(windows, request)],
    { scopes: scopeCount(request), spans: windows.length },
    (r) => ({
      newRevenueCents: parseCents(r.new_revenue ?? '0'),
      fixedCostsCents: parseCents(r.fixed),
      personnelCostsCents: parseCents(r.personnel),
    }),
  )
}
