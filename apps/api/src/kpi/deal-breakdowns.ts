/**
 * KPI detail: the deal KPIs (won revenue and its split, win rate, deal size, cycle, margin) per customer
 * segment and per product category, in one statement (GROUPING SETS) for the view's scope and period.
 * Deals without a customer or product fall under '(none)'.
 */
import type pg from 'pg'
import { emptyAggregates, type DealsAggregate } from '@kpi/domain/kpis/aggregates'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { computeKpi } from '@kpi/domain/kpis/registry'
import { parseCents } from '@kpi/domain/money'
import type { BreakdownRow } from '@kpi/contract/dashboard'
import type { KpiView } from './kpi-view.ts'
import { DEAL_SCOPE, perScopeType, scopeIds } from './scope-set.ts'
import { scopeSetOf } from './scope-set.ts'

/** The KPIs that read only these figures of the deals group (others need windows a dimension lacks). */
export const DIMENSION_KPIS: readonly KpiKey[] = [
  'revenue.won',
  'revenue.split',
  'deals.win_rate',
  'deals.avg_size',
  'deals.cycle_days',
  'deals.margin_pct',
]

const won = `t.status = 'WON'`
const sumWon = (extra = '') => `coalesce(sum(t.amount) FILTER (WHERE ${won}${extra}), 0)::text`

const SQL = perScopeType(
  (scope) => `
WITH sc AS (SELECT ($2::int[])[1] AS id)
SELECT GROUPING(c.segment) = 0 AS by_segment,
       coalesce(CASE WHEN GROUPING(c.segment) = 0 THEN c.segment ELSE p.category END, '(none)') AS name,
       count(*) FILTER (WHERE ${won})::int AS won,
       count(*) FILTER (WHERE t.status = 'LOST')::int AS lost,
       ${sumWon()} AS won_amount,
       coalesce(sum(t.cost) FILTER (WHERE ${won}), 0)::text AS won_cost,
       ${sumWon(` AND t.type = 'NEW_BUSINESS'`)} AS new_business,
       ${sumWon(` AND t.type = 'UPSELL'`)} AS upsell,
       ${sumWon(` AND t.type = 'CROSS_SELL'`)} AS cross_sell,
       ${sumWon(` AND t.type = 'RENEWAL'`)} AS renewal,
       coalesce(sum(extract(epoch FROM t.closed_at - t.created_at)) FILTER (WHERE ${won}), 0)::text AS cycle_seconds
FROM deals t CROSS JOIN sc
LEFT JOIN customers c ON c.id = t.customer_id AND c.organization_id = $1
LEFT JOIN products p ON p.id = t.product_id AND p.organization_id = $1
WHERE t.organization_id = $1 AND t.status IN ('WON', 'LOST') AND t.closed_at >= $3 AND t.closed_at < $4
  AND ${scope(DEAL_SCOPE)}
GROUP BY GROUPING SETS ((c.segment), (p.category))
ORDER BY 1 DESC, 2`,
)

type Row = {
  by_segment: boolean
  name: string
  won: number
  lost: number
  won_amount: string
  won_cost: string
  new_business: string
  upsell: string
  cross_sell: string
  renewal: string
  cycle_seconds: string
}

function dealsOf(r: Row): DealsAggregate {
  return {
    ...emptyAggregates().deals,
    won: r.won,
    lost: r.lost,
    wonAmountCents: parseCents(r.won_amount),
    wonCostCents: parseCents(r.won_cost),
    wonAmountCentsByType: {
      new_business: parseCents(r.new_business),
      upsell: parseCents(r.upsell),
      cross_sell: parseCents(r.cross_sell),
      renewal: parseCents(r.renewal),
    },
    wonCycleSecondsSum: Number(r.cycle_seconds),
  }
}

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
    value: computeKpi(key, scope, { deals: dealsOf(r) }, { period }),
  })
  return {
    bySegment: rows.filter((r) => r.by_segment).map(toRow),
    byProductCategory: rows.filter((r) => !r.by_segment).map(toRow),
  }
}
