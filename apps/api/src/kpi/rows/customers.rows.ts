/**
 * Which customers count, for the customers and lifetime groups (kpis/aggregates.ts CustomersAggregate,
 * LifetimeAggregate) and the KPIs read from them: churn rate, retention rate, CLV. A customer is active at t when
 * acquired (first won deal, acquisitions.sql.ts) before t and not churned before t. customers.sql.ts and the
 * records lists are built from these predicates.
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { acquisitionOf } from '../acquisitions.sql.ts'
import { inRegion, type ScopeConditions } from '../scope-set.ts'
import { inSpan, type RecordSource, type SpanSql } from './span-sql.ts'

/** Customers: rep = owner, team = the owner's *current* team, customer = itself. */
export const CUSTOMER_SCOPE: ScopeConditions = {
  org: 'TRUE',
  region: `EXISTS (SELECT 1 FROM users u WHERE u.id = t.owner_id AND u.organization_id = t.organization_id AND ${inRegion('u.team_id')})`,
  team: 'EXISTS (SELECT 1 FROM users u WHERE u.id = t.owner_id AND u.organization_id = t.organization_id AND u.team_id = sc.id)',
  rep: 't.owner_id = sc.id',
  customer: 't.id = sc.id',
}

/** Active at `at` for a customer `t` acquired at the instant `acquired` (NULL for a prospect: never active). */
export const activeAt = (acquired: string, at: string) =>
  `(${acquired} < ${at} AND (t.churned_at IS NULL OR t.churned_at >= ${at}))`
export const churnedIn = (span: SpanSql) => inSpan('t.churned_at', span)
export const IDEAL_PROFILE = 't.ideal_profile'

const acquired = acquisitionOf('t.id', 't.organization_id').closedAt
const records = (when: RecordSource['when'], defaultSort: string): RecordSource => ({
  entity: 'customers',
  scope: CUSTOMER_SCOPE,
  when,
  defaultSort,
})
// Churn and retention share their denominator: the customers active when the period started.
const activeAtStart = records(({ period }) => activeAt(acquired, period.start), '-churnedAt')

export const CUSTOMER_RECORDS = {
  'customers.churn_rate': activeAtStart,
  'customers.retention_rate': activeAtStart,
  // CLV is per customer active where its window ends: P's end, or now while P runs (kpis/windows.ts clvWindow).
  'customers.clv': records(({ asOf }) => activeAt(acquired, asOf), 'name'),
} satisfies Partial<Record<KpiKey, RecordSource>>
