/**
 * KPI detail: the lead KPIs per lead channel (where the lead came from), in one statement for the view's scope
 * and period. Each channel's figures are the leads group's own (rows/leads.rows.ts) restricted to that channel:
 * created / converted by created_at, the MQL cohort by mql_at, qualified by sql_at.
 */
import type pg from 'pg'
import { emptyAggregates } from '@kpi/domain/kpis/aggregates'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { computeKpi } from '@kpi/domain/kpis/registry'
import type { BreakdownRow } from '@kpi/contract/dashboard'
import type { KpiView } from './kpi-view.ts'
import { BECAME_OPPORTUNITY, createdIn, LEAD_SCOPE, MQL_CONVERTED, mqlIn, qualifiedIn } from './rows/leads.rows.ts'
import { perScopeType, scopeIds, scopeSetOf } from './scope-set.ts'

/** The lead KPIs that read only per-lead counts (new accounts and response time need organisation-wide probes). */
export const CHANNEL_KPIS: readonly KpiKey[] = [
  'leads.new',
  'leads.qualified',
  'leads.mql_to_sql',
  'leads.lead_to_opportunity',
]

const period = { start: '$3', end: '$4' }
const created = `(${createdIn(period)})`
const mql = `(${mqlIn(period)})`
const qualified = `(${qualifiedIn(period)})`

const SQL = perScopeType(
  (scope) => `
WITH sc AS (SELECT ($2::int[])[1] AS id)
SELECT t.channel,
       count(*) FILTER (WHERE ${created})::int AS created,
       count(*) FILTER (WHERE ${created} AND ${BECAME_OPPORTUNITY})::int AS created_converted,
       count(*) FILTER (WHERE ${mql})::int AS mql_cohort,
       count(*) FILTER (WHERE ${mql} AND ${MQL_CONVERTED})::int AS mql_cohort_converted,
       count(*) FILTER (WHERE ${qualified})::int AS qualified
FROM leads t CROSS JOIN sc
WHERE t.organization_id = $1 AND (${created} OR ${mql} OR ${qualified}) AND ${scope(LEAD_SCOPE)}
GROUP BY t.channel
ORDER BY t.channel`,
)

type Row = {
  channel: string
  created: number
  created_converted: number
  mql_cohort: number
  mql_cohort_converted: number
  qualified: number
}

export async function leadChannelBreakdown(pool: pg.Pool, view: KpiView, key: KpiKey): Promise<BreakdownRow[]> {
  if (!CHANNEL_KPIS.includes(key)) return []
  const { scope, organizationId } = view.request
  const { period } = view
  const { rows } = await pool.query<Row>(SQL[scope.type], [
    organizationId,
    scopeIds(scopeSetOf(scope)),
    period.start,
    period.end,
  ])
  return rows.map((r) => {
    const leads = {
      ...emptyAggregates().leads,
      created: r.created,
      createdConverted: r.created_converted,
      mqlCohort: r.mql_cohort,
      mqlCohortConverted: r.mql_cohort_converted,
      qualified: r.qualified,
    }
    // Details (the split per channel, growth vs the previous period) say nothing more on a channel's own line.
    const { details: _details, ...value } = computeKpi(key, scope, { leads }, { period })
    return { key: `channel:${r.channel}`, name: r.channel, value }
  })
}
