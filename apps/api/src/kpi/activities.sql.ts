/** Activities group (kpis/aggregates.ts ActivitiesAggregate): counts per type with occurred_at in the span. */
import type pg from 'pg'
import type { ActivitiesAggregate } from '@kpi/domain/kpis/aggregates'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { ACTIVITY_SCOPE, ACTIVITY_TYPES, occurredIn, ofType } from './rows/activities.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const counts = ACTIVITY_TYPES.map((type) => `count(*) FILTER (WHERE ${ofType(type)})::int AS ${type.toLowerCase()}`)

// Index: activities_{organization_id|user_id|team_id}_type_occurred_at per scope type; customer uses customer_id.
const SQL = perScopeType(
  (scope) => `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i))
SELECT sc.si, s.i, x.*
FROM sc CROSS JOIN s CROSS JOIN LATERAL (
  SELECT ${counts.join(', ')}
  FROM activities t
  WHERE t.organization_id = $1 AND t.type IN (${ACTIVITY_TYPES.map((type) => `'${type}'`).join(', ')})
    AND ${occurredIn({ start: 's.start_at', end: 's.end_at' })} AND ${scope(ACTIVITY_SCOPE)}
) x`,
)

type Row = { si: string; i: string; call: number; meeting: number; proposal: number; email: number }

export function queryActivities(pool: pg.Pool, request: GroupRequest): Promise<Grid<ActivitiesAggregate>> {
  const { periods } = request
  return runGrid<Row, ActivitiesAggregate>(
    pool,
    SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods)],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({ calls: r.call, meetings: r.meeting, proposals: r.proposal, emails: r.email }),
  )
}
