import type { KpiKey } from '@kpi/domain/kpis/keys'
import type { ScopeConditions } from '../../kpi/scope-set.ts'
import {
  ACTIVITY_SCOPE,
  COST_SCOPE,
  CUSTOMER_SCOPE,
  DEAL_SCOPE,
  LEAD_SCOPE,
  SURVEY_SCOPE,
} from '../../kpi/scope-set.ts'
import type { EntityName } from '../../records/entity.ts'

/**
 * "The records behind the number": for each KPI, the table it is computed from and which of its rows fall in the
 * period. The scope conditions are the aggregates' own (kpi/scope-set.ts), so the rows listed are the rows counted.
 * `when` is SQL over the row alias `t` with the placeholders :start/:end (instants) or :startDate/:endDate
 * (local dates, for monthly costs). Sorting is the record layer's whitelist for the entity.
 */
export type RecordSource = {
  entity: EntityName
  when: string
  scope: ScopeConditions
  defaultSort: string
}

const inPeriod = (column: string) => `t.${column} >= :start AND t.${column} < :end`
const activity = (type: string): RecordSource => ({
  entity: 'activities',
  when: `t.type = '${type}' AND ${inPeriod('occurred_at')}`,
  scope: ACTIVITY_SCOPE,
  defaultSort: '-occurredAt',
})
const leads = (column: string, sort = '-createdAt'): RecordSource => ({
  entity: 'leads',
  when: inPeriod(column),
  scope: LEAD_SCOPE,
  defaultSort: sort,
})
const deals = (when: string): RecordSource => ({ entity: 'deals', when, scope: DEAL_SCOPE, defaultSort: '-closedAt' })
const wonDeals = deals(`t.status = 'WON' AND ${inPeriod('closed_at')}`)
// CUSTOMER_SCOPE is written over the alias `c`; the record queries use `t`.
const customerScope = Object.fromEntries(
  Object.entries(CUSTOMER_SCOPE).map(([type, sql]) => [type, sql.replace(/\bc\./g, 't.')]),
) as ScopeConditions
const customers = (when: string, sort: string): RecordSource => ({
  entity: 'customers',
  when,
  scope: customerScope,
  defaultSort: sort,
})
const surveys = (kind: string): RecordSource => ({
  entity: 'surveys',
  when: `t.kind = '${kind}' AND ${inPeriod('responded_at')}`,
  scope: SURVEY_SCOPE,
  defaultSort: '-respondedAt',
})
const costs = (categories: string[]): RecordSource => ({
  entity: 'costs',
  when: `t.category IN (${categories.map((c) => `'${c}'`).join(', ')}) AND t.month >= :startDate AND t.month < :endDate`,
  scope: COST_SCOPE,
  defaultSort: '-month',
})

export const RECORD_SOURCES: Record<KpiKey, RecordSource> = {
  'activity.calls': activity('CALL'),
  'activity.meetings': activity('MEETING'),
  'activity.proposals': activity('PROPOSAL'),
  'activity.response_hours': leads('created_at'),
  'leads.new': leads('created_at'),
  'leads.new_accounts': leads('created_at'),
  'leads.qualified': leads('sql_at', '-sqlAt'),
  'leads.mql_to_sql': leads('mql_at'),
  'leads.lead_to_opportunity': leads('created_at'),
  'leads.velocity_days': deals(`t.status = 'WON' AND t.lead_id IS NOT NULL AND ${inPeriod('closed_at')}`),
  'revenue.won': wonDeals,
  'revenue.growth': wonDeals,
  'revenue.split': wonDeals,
  'deals.win_rate': deals(`t.status IN ('WON', 'LOST') AND ${inPeriod('closed_at')}`),
  'deals.avg_size': wonDeals,
  'deals.cycle_days': wonDeals,
  'deals.margin_pct': wonDeals,
  // Open at the end of the period: created before it ends, not closed by then.
  'pipeline.value': {
    ...deals(`t.created_at < :end AND (t.closed_at IS NULL OR t.closed_at >= :end)`),
    defaultSort: '-amount',
  },
  'pipeline.coverage': { ...deals(`t.status = 'OPEN' AND ${inPeriod('expected_close_at')}`), defaultSort: '-amount' },
  'customers.new': customers(inPeriod('acquired_at'), '-acquiredAt'),
  'customers.churn_rate': customers(inPeriod('churned_at'), '-churnedAt'),
  'customers.retention_rate': customers(inPeriod('churned_at'), '-churnedAt'),
  'revenue.nrr': wonDeals,
  'revenue.expansion': deals(`t.status = 'WON' AND t.type IN ('UPSELL', 'CROSS_SELL') AND ${inPeriod('closed_at')}`),
  // Active during the period.
  'customers.clv': customers(`t.acquired_at < :end AND (t.churned_at IS NULL OR t.churned_at >= :start)`, 'name'),
  'customers.nps': surveys('NPS'),
  'customers.csat': surveys('CSAT'),
  'team.enps': surveys('ENPS'),
  'team.q12': surveys('Q12'),
  'efficiency.labour_ratio': costs(['PERSONNEL', 'FIXED']),
  'efficiency.cac': costs(['SALES', 'MARKETING']),
  'efficiency.cost_per_qualified_lead': costs(['MARKETING']),
}
