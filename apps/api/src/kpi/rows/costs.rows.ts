/**
 * Which costs count for the costs and efficiency groups (kpis/aggregates.ts CostsAggregate, EfficiencyAggregate):
 * costs are booked per month, so a span reads the months whose first day lies in it (kpis/windows.ts
 * costMonthsOf; the aggregate pro-rates a month the figures stop inside, costShares); labour efficiency reads its trailing 6-month window (kpis/windows.ts efficiencyWindow) and the
 * new (non-renewal) revenue won in it. costs.sql.ts and the records lists are built from these predicates.
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { inRegion, type ScopeConditions } from '../scope-set.ts'
import type { RecordSource } from './span-sql.ts'

/** Costs are booked per team or for the whole organisation; never per rep or customer. */
export const COST_SCOPE: ScopeConditions = {
  org: 'TRUE',
  region: inRegion('t.team_id'),
  team: 't.team_id = sc.id',
  rep: 'FALSE',
  customer: 'FALSE',
}

export const COST_CATEGORIES = ['MARKETING', 'SALES', 'PERSONNEL', 'FIXED'] as const
type Category = (typeof COST_CATEGORIES)[number]
export const ofCategories = (categories: readonly Category[]) =>
  `t.category IN (${categories.map((c) => `'${c}'`).join(', ')})`
/** Booked in one of `months` (SQL yielding dates: a subquery or an array parameter's unnest). */
export const bookedIn = (months: string) => `t.month IN (${months})`
/** The revenue labour efficiency counts: won deals except renewals. */
export const NEW_REVENUE_TYPE = `t.type <> 'RENEWAL'`

const records = (categories: readonly Category[], months: 'periodMonths' | 'efficiencyMonths'): RecordSource => ({
  entity: 'costs',
  scope: COST_SCOPE,
  when: (bounds) => `${ofCategories(categories)} AND ${bookedIn(`SELECT unnest(${bounds[months]})`)}`,
  defaultSort: '-month',
})

export const COST_RECORDS = {
  // The ratio's costs are those of the 6-month window, not of the period alone.
  'efficiency.labour_ratio': records(['PERSONNEL', 'FIXED'], 'efficiencyMonths'),
  'efficiency.cac': records(['SALES', 'MARKETING'], 'periodMonths'),
  'efficiency.cost_per_qualified_lead': records(['MARKETING'], 'periodMonths'),
} satisfies Partial<Record<KpiKey, RecordSource>>
