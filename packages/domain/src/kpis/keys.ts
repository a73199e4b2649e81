/**
 * The stable keys of every KPI in SPEC section 3 (32 keys). Stored in the database (targets, thresholds,
 * focus-area layout), so a key never changes once released; add new keys at the end.
 *
 * Exports: KPI_KEYS (readonly tuple), KpiKey (union of the keys), isKpiKey (type guard).
 */
export const KPI_KEYS = [
  'activity.calls',
  'activity.meetings',
  'activity.proposals',
  'activity.response_hours',
  'leads.new',
  'leads.new_accounts',
  'leads.qualified',
  'leads.mql_to_sql',
  'leads.lead_to_opportunity',
  'leads.velocity_days',
  'revenue.won',
  'revenue.growth',
  'revenue.split',
  'deals.win_rate',
  'deals.avg_size',
  'deals.cycle_days',
  'deals.margin_pct',
  'pipeline.value',
  'pipeline.coverage',
  'customers.new',
  'customers.churn_rate',
  'customers.retention_rate',
  'revenue.nrr',
  'revenue.expansion',
  'customers.clv',
  'customers.nps',
  'customers.csat',
  'team.enps',
  'team.q12',
  'efficiency.labour_ratio',
  'efficiency.cac',
  'efficiency.cost_per_qualified_lead',
] as const

export type KpiKey = (typeof KPI_KEYS)[number]

const keySet: ReadonlySet<string> = new Set(KPI_KEYS)

/** True when `key` is one of the KPI keys of SPEC section 3. */
export function isKpiKey(key: string): key is KpiKey {
  return keySet.has(key)
}
