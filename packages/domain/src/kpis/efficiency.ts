/**
 * Focus area "Team labour efficiency" (SPEC 2, rank 6): does the team earn itself back? (004).
 * Costs are booked per month, so the per-period cost KPIs have no value for days and weeks. A month the
 * figures stop inside (running) counts for its elapsed share of calendar time (./windows.ts costShares, 0031).
 * Exports: labourRatio, customerAcquisitionCost, costPerQualifiedLead.
 */
import { noValue, ratio, type KpiValue } from '../value.ts'
import type { Period } from '../periods.ts'
import { defineKpi } from './define-kpi.ts'
import { THRESHOLDS } from './formulas.ts'

const costScopes = ['org', 'team'] as const

function monthlyCostsOnly(period: Period, compute: () => KpiValue): KpiValue {
  return period.type === 'day' || period.type === 'week' ? noValue('period-too-short') : compute()
}

/**
 * (new revenue − fixed costs) ÷ personnel costs over the 6 months ending where P's figures end (./windows.ts
 * efficiencyWindow), a factor.
 * New revenue excludes renewals. No value ('zero-denominator') without personnel costs.
 */
export const labourRatio = defineKpi({
  key: 'efficiency.labour_ratio',
  name: { en: 'Labour-efficiency ratio', nl: 'Arbeidsefficiëntie' },
  description: {
    en: 'New revenue minus fixed costs, per euro of personnel cost, over the last 6 months up to today.',
    nl: 'Nieuwe omzet min vaste kosten, per euro personeelskosten, over de laatste 6 maanden tot vandaag.',
  },
  unit: 'ratio',
  direction: 'higher',
  kind: 'lagging',
  area: 'team-efficiency',
  scopes: costScopes,
  accumulation: 'level',
  groups: ['efficiency'],
  format: { maximumFractionDigits: 2 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ efficiency }) =>
    ratio(efficiency.newRevenueCents - efficiency.fixedCostsCents, efficiency.personnelCostsCents),
})

/**
 * CAC = (sales + marketing costs in P) ÷ new customers in P, in currency units. No value:
 * 'zero-denominator' without new customers; 'period-too-short' for day and week.
 */
export const customerAcquisitionCost = defineKpi({
  key: 'efficiency.cac',
  name: { en: 'Customer acquisition cost', nl: 'Klantacquisitiekosten (CAC)' },
  description: {
    en: 'Sales and marketing costs per new customer won in the period; in a running month, its costs so far.',
    nl: 'Sales- en marketingkosten per nieuwe klant in de periode; in een lopende maand de kosten tot nu toe.',
  },
  unit: 'money',
  direction: 'lower',
  kind: 'lagging',
  area: 'team-efficiency',
  scopes: costScopes,
  accumulation: 'level',
  groups: ['costs', 'deals'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ costs, deals }, { period }) =>
    monthlyCostsOnly(period, () => ratio(costs.salesCents + costs.marketingCents, deals.newCustomers * 100)),
})

/**
 * Marketing costs in P ÷ leads qualified (SQL) in P, in currency units. No value: 'zero-denominator'
 * without qualified leads; 'period-too-short' for day and week.
 */
export const costPerQualifiedLead = defineKpi({
  key: 'efficiency.cost_per_qualified_lead',
  name: { en: 'Cost per qualified lead', nl: 'Kosten per gekwalificeerde lead' },
  description: {
    en: 'Marketing costs per lead that became sales-qualified in the period; in a running month, its costs so far.',
    nl: 'Marketingkosten per lead die in de periode salesgekwalificeerd werd; in een lopende maand de kosten tot nu toe.',
  },
  unit: 'money',
  direction: 'lower',
  kind: 'lagging',
  area: 'team-efficiency',
  scopes: costScopes,
  accumulation: 'level',
  groups: ['costs', 'leads'],
  format: { maximumFractionDigits: 2 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ costs, leads }, { period }) =>
    monthlyCostsOnly(period, () => ratio(costs.marketingCents, leads.qualified * 100)),
})
