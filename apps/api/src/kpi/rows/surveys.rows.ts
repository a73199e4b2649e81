/**
 * Which survey responses count for the surveys group (kpis/aggregates.ts SurveysAggregate): by kind, responded in
 * the span. NPS / eNPS promoters score ≥ 9, detractors ≤ 6; CSAT satisfied ≥ 4. surveys.sql.ts and the records
 * lists are built from these predicates.
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { inRegion, type ScopeConditions } from '../scope-set.ts'
import { inSpan, type RecordSource, type SpanSql } from './span-sql.ts'

/** Surveys: team = team_id, customer = customer_id; internal surveys are anonymous, so no rep scope. */
export const SURVEY_SCOPE: ScopeConditions = {
  org: 'TRUE',
  region: inRegion('t.team_id'),
  team: 't.team_id = sc.id',
  rep: 'FALSE',
  customer: 't.customer_id = sc.id',
}

export const SURVEY_KINDS = ['NPS', 'CSAT', 'ENPS', 'Q12'] as const
type Kind = (typeof SURVEY_KINDS)[number]
export const ofKind = (kind: Kind) => `t.kind = '${kind}'`
export const respondedIn = (span: SpanSql) => inSpan('t.responded_at', span)
export const PROMOTER = 't.score >= 9'
export const DETRACTOR = 't.score <= 6'
export const SATISFIED = 't.score >= 4'

const records = (kind: Kind): RecordSource => ({
  entity: 'surveys',
  scope: SURVEY_SCOPE,
  when: ({ period }) => `${ofKind(kind)} AND ${respondedIn(period)}`,
  defaultSort: '-respondedAt',
})

export const SURVEY_RECORDS = {
  'customers.nps': records('NPS'),
  'customers.csat': records('CSAT'),
  'team.enps': records('ENPS'),
  'team.q12': records('Q12'),
} satisfies Partial<Record<KpiKey, RecordSource>>
