/**
 * Which leads count, for the leads group (kpis/aggregates.ts LeadsAggregate) and the KPIs read from it: new leads,
 * new accounts, qualified, MQL → SQL, lead → opportunity, lead response time. leads.sql.ts, lead-breakdowns.ts and
 * the records lists are built from these predicates. Whether a lead got a response (lead_responses) and whether it is
 * its account's first lead (lead_accounts) are kept by triggers in side tables (decisions 0009, 0043).
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { inRegion, type ScopeConditions } from '../scope-set.ts'
import { inSpan, type RecordSource, type SpanSql } from './span-sql.ts'

/** Leads: rep = owner, team = the lead's team_id. No customer scope in the KPI model, so nothing matches. */
export const LEAD_SCOPE: ScopeConditions = {
  org: 'TRUE',
  region: inRegion('t.team_id'),
  team: 't.team_id = sc.id',
  rep: 't.owner_id = sc.id',
  customer: 'FALSE',
}

export const createdIn = (span: SpanSql) => inSpan('t.created_at', span)
/** The MQL cohort of a span: leads that became marketing-qualified in it. */
export const mqlIn = (span: SpanSql) => inSpan('t.mql_at', span)
export const qualifiedIn = (span: SpanSql) => inSpan('t.sql_at', span)
/** Of the MQL cohort: became sales-qualified (at any time). */
export const MQL_CONVERTED = 't.sql_at IS NOT NULL'
/** Of the created leads: became an opportunity (at any time). */
export const BECAME_OPPORTUNITY = 't.opportunity_at IS NOT NULL'
/**
 * The same, converted before `until` (a timestamptz; 'infinity' = at any time): a like-for-like comparison
 * span's cohort counts the conversions up to its cut (kpis/windows.ts conversionsUntil).
 */
export const mqlConvertedBefore = (until: string) => `t.sql_at < ${until}`
export const becameOpportunityBefore = (until: string) => `t.opportunity_at < ${until}`
/**
 * Got an activity at or after its creation: the leads the response-time median runs over. Their first activity is
 * kept in lead_responses (decision 0043), one row per such lead.
 */
export const RESPONDED = 'EXISTS (SELECT 1 FROM lead_responses r WHERE r.lead_id = t.id)'
/** A lead_responses row `t`'s response time in whole milliseconds (float8: exact, for percentile_cont). */
export const RESPONSE_MS = '(extract(EPOCH FROM t.first_activity_at - t.created_at) * 1000)::float8'
/** Its account's first lead in the whole organisation (earliest created_at, ties: lowest id): kept in lead_accounts. */
export const ACCOUNT_FIRST =
  'EXISTS (SELECT 1 FROM lead_accounts f WHERE f.organization_id = t.organization_id AND f.account_key = t.account_key AND f.lead_id = t.id)'

const records = (when: RecordSource['when'], defaultSort = '-createdAt'): RecordSource => ({
  entity: 'leads',
  scope: LEAD_SCOPE,
  when,
  defaultSort,
})
const created = records(({ period }) => createdIn(period))

export const LEAD_RECORDS = {
  'activity.response_hours': records(({ period }) => `${createdIn(period)} AND ${RESPONDED}`),
  'leads.new': created,
  'leads.new_accounts': records(({ period }) => `${createdIn(period)} AND ${ACCOUNT_FIRST}`),
  'leads.qualified': records(({ period }) => qualifiedIn(period), '-sqlAt'),
  'leads.mql_to_sql': records(({ period }) => mqlIn(period)),
  'leads.lead_to_opportunity': created,
} satisfies Partial<Record<KpiKey, RecordSource>>
