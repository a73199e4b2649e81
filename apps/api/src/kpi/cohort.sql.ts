/**
 * Cohort group (kpis/aggregates.ts CohortAggregate, NRR): won revenue in the span and in the previous
 * period (its same elapsed span while the span is cut) from customers acquired before the previous period
 * started (kpis/windows.ts nrrWindows).
 */
import type pg from 'pg'
import type { CohortAggregate } from '@kpi/domain/kpis/aggregates'
import { nrrWindows } from '@kpi/domain/kpis/windows'
import { parseCents } from '@kpi/domain/money'
import { firstWonDeal, JOINED_ACQUISITION } from './acquisitions.sql.ts'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { inCohort } from './rows/cohort.rows.ts'
import { closedIn, DEAL_SCOPE, WON } from './rows/deals.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const inSpan = (start: string, end: string) => closedIn({ start: `s.${start}`, end: `s.${end}` })

const SQL = perScopeType(
  (scope) => `
WITH ${SCOPE_CTE},
s AS (
  SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[])
    WITH ORDINALITY AS s(start_at, end_at, prev_start, prev_end, cohort_before, i)
)
SELECT sc.si, s.i, x.*
FROM sc CROSS JOIN s CROSS JOIN LATERAL (
  SELECT coalesce(sum(t.amount) FILTER (WHERE ${inSpan('start_at', 'end_at')}), 0)::text AS revenue,
         coalesce(sum(t.amount) FILTER (WHERE ${inSpan('prev_start', 'prev_end')}), 0)::text AS previous_revenue
  FROM deals t CROSS JOIN LATERAL ${firstWonDeal('t.customer_id')} a
  WHERE t.organization_id = $1 AND ${WON} AND ${inCohort(JOINED_ACQUISITION, 's.cohort_before')}
    AND ((${inSpan('start_at', 'end_at')}) OR (${inSpan('prev_start', 'prev_end')})) AND ${scope(DEAL_SCOPE)}
) x`,
)

type Row = { si: string; i: string; revenue: string; previous_revenue: string }

export function queryCohort(pool: pg.Pool, request: GroupRequest): Promise<Grid<CohortAggregate>> {
  const { periods, now, settings } = request
  const windows = periods.map((p) => nrrWindows(p, now, settings))
  return runGrid<Row, CohortAggregate>(
    pool,
    SQL[request.scopes.type],
    [
      request.organizationId,
      scopeIds(request.scopes),
      startsOf(periods),
      endsOf(periods),
      windows.map((w) => w.previous.start),
      windows.map((w) => w.previous.end),
      windows.map((w) => w.cohortBefore),
    ],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({ revenueCents: parseCents(r.revenue), previousRevenueCents: parseCents(r.previous_revenue) }),
  )
}
