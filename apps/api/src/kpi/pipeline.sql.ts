/**
 * Pipeline group (kpis/aggregates.ts PipelineAggregate): the deals open at asOf = min(now, span end)
 * (kpis/windows.ts pipelineAsOf), and of those the ones expected to close in the span's whole period
 * (kpis/windows.ts closingWindow). Weighted amounts: Σ amount × probability in numeric, which is exactly
 * Σ cents × probability ÷ 100 (amount = cents ÷ 100), so only the final Number() rounds.
 */
import type pg from 'pg'
import type { PipelineAggregate } from '@kpi/domain/kpis/aggregates'
import { closingWindow, pipelineAsOf } from '@kpi/domain/kpis/windows'
import { parseCents } from '@kpi/domain/money'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { DEAL_SCOPE } from './rows/deals.rows.ts'
import { expectedToCloseIn, openAt } from './rows/pipeline.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

// No index serves "created before asOf and not closed before asOf" as a range; the scope's index
// (owner/team/customer) or deals (organization_id, created_at) is read. The team index is deals (team_id,
// closed_at, created_at), so "created before asOf" is tested in the index and only open deals reach the heap.
const SQL = perScopeType(
  (scope) => `
WITH ${SCOPE_CTE},
s AS (
  SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
    WITH ORDINALITY AS s(start_at, closing_end, as_of, i)
)
SELECT sc.si, s.i, x.*
FROM sc CROSS JOIN s CROSS JOIN LATERAL (
  SELECT count(*)::int AS open,
         coalesce(sum(t.amount), 0)::text AS open_amount,
         coalesce(sum(t.amount * t.probability), 0)::text AS open_weighted,
         coalesce(sum(t.amount * t.probability) FILTER (
           WHERE ${expectedToCloseIn({ start: 's.start_at', end: 's.closing_end' })}
         ), 0)::text AS closing_weighted
  FROM deals t
  WHERE t.organization_id = $1 AND ${openAt('s.as_of')} AND ${scope(DEAL_SCOPE)}
) x`,
)

type Row = { si: string; i: string; open: number; open_amount: string; open_weighted: string; closing_weighted: string }

export function queryPipeline(pool: pg.Pool, request: GroupRequest): Promise<Grid<PipelineAggregate>> {
  const { periods, now, settings } = request
  return runGrid<Row, PipelineAggregate>(
    pool,
    SQL[request.scopes.type],
    [
      request.organizationId,
      scopeIds(request.scopes),
      startsOf(periods),
      endsOf(periods.map((p) => closingWindow(p, settings))),
      periods.map((p) => pipelineAsOf(p, now)),
    ],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({
      open: r.open,
      openAmountCents: parseCents(r.open_amount),
      openWeightedAmountCents: Number(r.open_weighted),
      weightedClosingInPeriodCents: Number(r.closing_weighted),
    }),
  )
}
