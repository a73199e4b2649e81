/**
 * Which activities count for the activities group (kpis/aggregates.ts ActivitiesAggregate): by type, occurred in
 * the span. activities.sql.ts and the records lists are built from these predicates.
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { inRegion, type ScopeConditions } from '../scope-set.ts'
import { inSpan, type RecordSource, type SpanSql } from './span-sql.ts'

/** Activities: rep = the user who logged it, team = its team_id, customer = customer_id. */
export const ACTIVITY_SCOPE: ScopeConditions = {
  org: 'TRUE',
  region: inRegion('t.team_id'),
  team: 't.team_id = sc.id',
  rep: 't.user_id = sc.id',
  customer: 't.customer_id = sc.id',
}

export const ACTIVITY_TYPES = ['CALL', 'MEETING', 'PROPOSAL', 'EMAIL'] as const
export const ofType = (type: (typeof ACTIVITY_TYPES)[number]) => `t.type = '${type}'`
export const occurredIn = (span: SpanSql) => inSpan('t.occurred_at', span)

const records = (type: (typeof ACTIVITY_TYPES)[number]): RecordSource => ({
  entity: 'activities',
  scope: ACTIVITY_SCOPE,
  when: ({ period }) => `${ofType(type)} AND ${occurredIn(period)}`,
  defaultSort: '-occurredAt',
})

export const ACTIVITY_RECORDS = {
  'activity.calls': records('CALL'),
  'activity.meetings': records('MEETING'),
  'activity.proposals': records('PROPOSAL'),
} satisfies Partial<Record<KpiKey, RecordSource>>
