/**
 * The leads group as it was computed before the derived lead facts (migration 20261126020000_lead_facts): two
 * probes per lead in the span, over raw rows. Kept as the reference the triggers' columns are tested against
 * (lead-facts.sql.test.ts) and as the "before" of lead-facts.bench.ts; not used by the application.
 */
import type pg from 'pg'
import type { LeadsAggregate } from '@kpi/domain/kpis/aggregates'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from '../group-request.ts'
import { leadsAggregateOf, type LeadsRow } from '../leads.sql.ts'
import { LEAD_SCOPE } from '../rows/leads.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from '../scope-set.ts'

const SQL = perScopeType((scope) => {
  const inScope = scope(LEAD_SCOPE)
  const inSpan = (column: string) => `t.${column} >= s.start_at AND t.${column} < s.end_at`
  return `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i))
SELECT sc.si, s.i, c.*, m.*, q.qualified, ch.by_channel
FROM sc CROSS JOIN s
CROSS JOIN LATERAL (
  SELECT count(*)::int AS created,
         count(*) FILTER (WHERE t.opportunity_at IS NOT NULL)::int AS created_converted,
         count(f.first_at)::int AS responded,
         count(*) FILTER (WHERE t.account_key IS NOT NULL AND NOT EXISTS (
           SELECT 1 FROM leads e
           WHERE e.organization_id = $1 AND e.account_key = t.account_key
             AND (e.created_at, e.id) < (t.created_at, t.id)
         ))::int AS new_accounts,
         percentile_cont(0.5) WITHIN GROUP (
           ORDER BY (extract(epoch FROM f.first_at - t.created_at) * 1000)::float8
         ) AS median_response_ms
  FROM leads t
  -- The first activity: an index-only probe on activities (lead_id, occurred_at, organization_id). The organisation
  -- check is written "organization_id + 0" so it stays a filter (on the index tuple): as a plain column the
  -- planner, on row estimates of 1 (fresh or unanalysed tables), ANDed a bitmap of ALL the organisation's
  -- activities (its unique key index) into every probe — one ~40k-entry bitmap per lead, 25–60 s for the org's
  -- month dashboard on the demo data.
  LEFT JOIN LATERAL (
    SELECT a.occurred_at AS first_at FROM activities a
    WHERE a.lead_id = t.id AND a.organization_id + 0 = $1 AND a.occurred_at >= t.created_at
    ORDER BY a.occurred_at LIMIT 1
  ) f ON TRUE
  WHERE t.organization_id = $1 AND ${inSpan('created_at')} AND ${inScope}
) c
CROSS JOIN LATERAL (
  SELECT count(*)::int AS mql_cohort, count(*) FILTER (WHERE t.sql_at IS NOT NULL)::int AS mql_cohort_converted
  FROM leads t WHERE t.organization_id = $1 AND ${inSpan('mql_at')} AND ${inScope}
) m
CROSS JOIN LATERAL (
  SELECT count(*)::int AS qualified FROM leads t WHERE t.organization_id = $1 AND ${inSpan('sql_at')} AND ${inScope}
) q
CROSS JOIN LATERAL (
  SELECT coalesce(jsonb_object_agg(g.channel, g.n), '{}'::jsonb) AS by_channel
  FROM (
    SELECT t.channel, count(*)::int AS n FROM leads t
    WHERE t.organization_id = $1 AND ${inSpan('created_at')} AND ${inScope} GROUP BY t.channel
  ) g
) ch`
})

export function queryLeadsByProbes(pool: pg.Pool, request: GroupRequest): Promise<Grid<LeadsAggregate>> {
  const { periods } = request
  return runGrid<LeadsRow, LeadsAggregate>(
    pool,
    SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods)],
    { scopes: scopeCount(request), spans: periods.length },
    leadsAggregateOf,
  )
}
