/**
 * The KPI registry: every KPI of SPEC section 3 by key, in KPI_KEYS order. The single source for the
 * API (which groups to query), the web app (names, units, formatting) and the tests.
 *
 * Exports: KPIS, KPI_LIST, getKpi, computeKpi, groupsFor.
 */
import type { Scope } from '../scope.ts'
import { noValue, type KpiValue } from '../value.ts'
import type { Aggregates, GroupKey } from './aggregates.ts'
import type { KpiContext, KpiDefinition } from './define-kpi.ts'
import { KPI_KEYS, type KpiKey } from './keys.ts'
import { calls, meetings, proposals, responseHours } from './activity.ts'
import { costPerQualifiedLead, customerAcquisitionCost, labourRatio } from './efficiency.ts'
import { leadToOpportunity, leadVelocityDays, mqlToSql, newAccounts, newLeads, qualifiedLeads } from './lead-flow.ts'
import { pipelineCoverage, pipelineValue } from './pipeline.ts'
import {
  avgDealSize,
  cycleDays,
  marginPct,
  newCustomers,
  revenueGrowth,
  revenueSplit,
  winRate,
  wonRevenue,
} from './result.ts'
import {
  churnRate,
  customerCsat,
  customerLifetimeValue,
  customerNps,
  expansionRevenue,
  netRevenueRetention,
  retentionRate,
} from './retention.ts'
import { employeeNps, q12Average } from './team.ts'

// Method-style compute makes KpiDefinition<'deals'> assignable to KpiDefinition<GroupKey>.
const all: KpiDefinition[] = [
  calls,
  meetings,
  proposals,
  responseHours,
  newLeads,
  newAccounts,
  qualifiedLeads,
  mqlToSql,
  leadToOpportunity,
  leadVelocityDays,
  wonRevenue,
  revenueGrowth,
  revenueSplit,
  winRate,
  avgDealSize,
  cycleDays,
  marginPct,
  pipelineValue,
  pipelineCoverage,
  newCustomers,
  churnRate,
  retentionRate,
  netRevenueRetention,
  expansionRevenue,
  customerLifetimeValue,
  customerNps,
  customerCsat,
  employeeNps,
  q12Average,
  labourRatio,
  customerAcquisitionCost,
  costPerQualifiedLead,
]

export const KPIS = Object.fromEntries(all.map((k) => [k.key, k])) as Record<KpiKey, KpiDefinition>

/** All KPI definitions in KPI_KEYS order. */
export const KPI_LIST: readonly KpiDefinition[] = KPI_KEYS.map((key) => KPIS[key])

export function getKpi(key: KpiKey): KpiDefinition {
  return KPIS[key]
}

/** The aggregate groups needed to compute `keys` (what the API must query). */
export function groupsFor(keys: readonly KpiKey[]): GroupKey[] {
  const out = new Set<GroupKey>()
  for (const key of keys) for (const g of KPIS[key].groups) out.add(g)
  return [...out]
}

/**
 * Computes one KPI for a scope. No value ('unsupported-scope') when the KPI is not defined for that
 * scope type; throws when an aggregate group the KPI reads is missing (a programming error upstream).
 */
export function computeKpi(key: KpiKey, scope: Scope, aggregates: Partial<Aggregates>, context: KpiContext): KpiValue {
  const kpi = KPIS[key]
  if (!kpi.scopes.includes(scope.type)) return noValue('unsupported-scope')
  for (const g of kpi.groups) if (aggregates[g] === undefined) throw new Error(`${key} needs the '${g}' aggregates`)
  return kpi.compute(aggregates as Aggregates, context)
}
