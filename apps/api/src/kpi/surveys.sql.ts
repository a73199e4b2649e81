/**
 * Surveys group (kpis/aggregates.ts SurveysAggregate); which responses count: rows/surveys.rows.ts. Scores are
 * numeric(4,2), so Σ Q12 comes back as exact text → hundredths.
 */
import type pg from 'pg'
import type { SurveysAggregate } from '@kpi/domain/kpis/aggregates'
import { parseCents } from '@kpi/domain/money'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { DETRACTOR, ofKind, PROMOTER, respondedIn, SATISFIED, SURVEY_KINDS, SURVEY_SCOPE } from './rows/surveys.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const [NPS, CSAT, ENPS, Q12] = [ofKind('NPS'), ofKind('CSAT'), ofKind('ENPS'), ofKind('Q12')]

const SQL = perScopeType(
  (scope) => `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i))
SELECT sc.si, s.i, x.*
FROM sc CROSS JOIN s CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE ${NPS})::int AS nps,
         count(*) FILTER (WHERE ${NPS} AND ${PROMOTER})::int AS nps_promoters,
         count(*) FILTER (WHERE ${NPS} AND ${DETRACTOR})::int AS nps_detractors,
         count(*) FILTER (WHERE ${CSAT})::int AS csat,
         count(*) FILTER (WHERE ${CSAT} AND ${SATISFIED})::int AS csat_satisfied,
         count(*) FILTER (WHERE ${ENPS})::int AS enps,
         count(*) FILTER (WHERE ${ENPS} AND ${PROMOTER})::int AS enps_promoters,
         count(*) FILTER (WHERE ${ENPS} AND ${DETRACTOR})::int AS enps_detractors,
         count(*) FILTER (WHERE ${Q12})::int AS q12,
         coalesce(sum(t.score) FILTER (WHERE ${Q12}), 0)::text AS q12_sum
  FROM survey_responses t
  WHERE t.organization_id = $1 AND t.kind IN (${SURVEY_KINDS.map((kind) => `'${kind}'`).join(', ')})
    AND ${respondedIn({ start: 's.start_at', end: 's.end_at' })} AND ${scope(SURVEY_SCOPE)}
) x`,
)

type Row = {
  si: string
  i: string
  nps: number
  nps_promoters: number
  nps_detractors: number
  csat: number
  csat_satisfied: number
  enps: number
  enps_promoters: number
  enps_detractors: number
  q12: number
  q12_sum: string
}

export function querySurveys(pool: pg.Pool, request: GroupRequest): Promise<Grid<SurveysAggregate>> {
  const { periods } = request
  return runGrid<Row, SurveysAggregate>(
    pool,
    SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods)],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({
      npsResponses: r.nps,
      npsPromoters: r.nps_promoters,
      npsDetractors: r.nps_detractors,
      csatResponses: r.csat,
      csatSatisfied: r.csat_satisfied,
      enpsResponses: r.enps,
      enpsPromoters: r.enps_promoters,
      enpsDetractors: r.enps_detractors,
      q12Responses: r.q12,
      q12ScoreHundredthsSum: parseCents(r.q12_sum),
    }),
  )
}
