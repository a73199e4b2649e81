/** Activities group (kpis/aggregates.ts ActivitiesAggregate): counts per type with occurred_at in the span. */
import type pg from 'pg'
import type { ActivitiesAggregate } from '@kpi/domain/kpis/aggregates'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { ACTIVITY_SCOPE, perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

// Index: activities_{organization_id|user_id|team_id}_type_occurred_at per scope type; customer uses customer_id.
const SQL = perScopeType(
  (scope) => `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i))
SELECT sc.si, s.i, x.*
FROM sc CROSS JOIN s CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE t.type = 'CALL')::int AS calls,
         count(*) FILTER (WHERE t.type = 'MEETING')::int AS meetings,
         count(*) FILTER (WHERE t.type = 'PROPOSAL')::int AS proposals,
         count(*) FILTER (WHERE t.type = 'EMAIL')::int AS emails
  FROM activities t
  WHERE t.organization_id = $1 AND t.type IN ('CALL', 'MEETING', 'PROPOSAL', 'EMAIL')
    AND t.occurred_at >= s.start_at AND t.occurred_at < s.end_at AND ${scope(ACTIVITY_SCOPE)}
) x`,
)

type Row = ActivitiesAggregate & { si: string; i: string }

export function queryActivities(pool: pg.Pool, request: GroupRequest): Promise<Grid<ActivitiesAggregate>> {
  const { periods } = request
  return runGrid<Row, ActivitiesAggregate>(
    pool,
    SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods)],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({ calls: r.calls, meetings: r.meetings, proposals: r.proposals, emails: r.emails }),
  )
}
