/**
 * KPI detail: the deal KPIs (won revenue and its split, win rate, deal size, cycle, margin) per customer
 * segment and per product category, in one statement (GROUPING SETS) for the view's scope and period.
 * Deals without a customer or product fall under '(none)'. Which deals count, and the figures, are the deals
 * group's own (rows/deals.rows.ts).
 */
import type pg from 'pg'
import { emptyAggregates } from '@kpi/domain/kpis/aggregates'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { computeKpi } from '@kpi/domain/kpis/registry'
import type { BreakdownRow } from '@kpi/contract/dashboard'
import type { KpiView } from './kpi-view.ts'
import { CLOSED, closedIn, DEAL_FIGURES, DEAL_SCOPE, dealFiguresOf, type DealFiguresRow } from './rows/deals.rows.ts'
import { perScopeType, scopeIds, scopeSetOf } from './scope-set.ts'

/** The KPIs that read only these figures of the deals group (others need windows a dimension lacks). */
export const DIMENSION_KPIS: readonly KpiKey[] = [
  'revenue.won',
  'revenue.split',
  'deals.win_rate',
  'deals.avg_size',
  'deals.cycle_days',
  'deals.margin_pct',
]

const SQL = perScopeType(
  (scope) => `
WITH sc AS (SELECT ($2::int[])[1] AS id)
SELECT GROUPING(c.segment) = 0 AS by_segment,
       coalesce(CASE WHEN GROUPING(c.segment) = 0 THEN c.segment ELSE p.category END, '(none)') AS name,
       ${DEAL_FIGURES}
FROM deals t CROSS JOIN sc
LEFT JOIN customers c ON c.id = t.customer_id AND c.organization_id = $1
LEFT JOIN products p ON p.id = t.product_id AND p.organization_id = $1
WHERE t.organization_id = $1 AND ${CLOSED} AND ${closedIn({ start: '$3', end: '$4' })} AND ${scope(DEAL_SCOPE)}
GROUP BY GROUPING SETS ((c.segment), (p.category))
ORDER BY 1 DESC, 2`,
)

type Row = DealFiguresRow & { by_segment: boolean; name: string }

export async function dealBreakdowns(
  pool: pg.Pool,
  view: KpiView,
  key: KpiKey,
): Promise<{ bySegment: BreakdownRow[]; byProductCategory: BreakdownRow[] }> {
  if (!DIMENSION_KPIS.includes(key)) return { bySegment: [], byProductCategory: [] }
  const { scope, organizationId } = view.request
  const { period } = view
  const { rows } = await pool.query<Row>(SQL[scope.type], [
    organizationId,
    scopeIds(scopeSetOf(scope)),
    period.start,
    period.end,
  ])
  const toRow = (r: Row): BreakdownRow => ({
    key: `${r.by_segment ? 'segment' : 'product-category'}:${r.name}`,
    name: r.name,
    value: computeKpi(key, scope, { deals: { ...emptyAggregates().deals, ...dealFiguresOf(r) } }, { period }),
  })
  return {
    bySegment: rows.filter((r) => r.by_segment).map(toRow),
    byProductCategory: rows.filter((r) => !r.by_segment).map(toRow),
  }
}
