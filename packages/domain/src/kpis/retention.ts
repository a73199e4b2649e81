/**
 * Focus area "Customer retention" (SPEC 2, rank 4): churn of qualified customers predicts delivery health.
 * Exports: churnRate, retentionRate, netRevenueRetention, expansionRevenue, customerLifetimeValue,
 * customerNps, customerCsat, CLV_MAX_LIFETIME_YEARS.
 */
import { centsToUnits } from '../money.ts'
import { noValue, percentOf, someValue, withDetails } from '../value.ts'
import { defineKpi } from './define-kpi.ts'
import { absoluteThreshold, moneyValue, netPromoterScore, THRESHOLDS } from './formulas.ts'

const customerScopes = ['org', 'team', 'rep'] as const

/**
 * churned ÷ active at start × 100, customers churned in P. Detail 'icp': the same rate over ideal-profile
 * customers only. No value ('zero-denominator') when no customer was active at the start of P.
 */
export const churnRate = defineKpi({
  key: 'customers.churn_rate',
  name: { en: 'Churn rate', nl: 'Klantverloop' },
  description: {
    en: 'Share of the customers at the start of the period that left during it; the ICP-only rate beside it.',
    nl: 'Aandeel van de klanten bij de start van de periode dat in de periode vertrok; ernaast alleen ICP-klanten.',
  },
  unit: 'percent',
  direction: 'lower',
  kind: 'lagging',
  area: 'customer-retention',
  scopes: customerScopes,
  accumulation: 'level',
  groups: ['customers'],
  format: { maximumFractionDigits: 1 },
  // SPEC 4's example: churn ≤ 2 % green, ≤ 5 % orange.
  defaultThreshold: absoluteThreshold(2, 5),
  compute: ({ customers }) =>
    withDetails(percentOf(customers.churned, customers.activeAtStart), [
      { key: 'icp', value: percentOf(customers.churnedIcp, customers.activeAtStartIcp) },
    ]),
})

/**
 * CRR = (customers active at end − new customers of P still active at end) ÷ customers active at start
 * × 100, in 0–100. No value ('zero-denominator') when no customer was active at the start.
 */
export const retentionRate = defineKpi({
  key: 'customers.retention_rate',
  name: { en: 'Customer retention rate', nl: 'Klantbehoud (CRR)' },
  description: {
    en: 'Share of the customers at the start of the period that are still customers at its end.',
    nl: 'Aandeel van de klanten bij de start van de periode dat aan het eind nog klant is.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'lagging',
  area: 'customer-retention',
  scopes: customerScopes,
  accumulation: 'level',
  groups: ['customers'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ customers }) => percentOf(customers.activeAtEnd - customers.newActiveAtEnd, customers.activeAtStart),
})

/**
 * NRR = revenue won in P from customers acquired before the previous period ÷ their revenue won in the
 * previous period × 100; while P runs, in the previous period's same elapsed span (./windows.ts nrrWindows,
 * decision 0031). No value ('zero-denominator') when that cohort had no revenue then.
 */
export const netRevenueRetention = defineKpi({
  key: 'revenue.nrr',
  name: { en: 'Net revenue retention', nl: 'Netto omzetbehoud (NRR)' },
  description: {
    en: 'Revenue from existing customers this period as a share of their revenue in the period before; while the period runs, against the same days of the period before.',
    nl: 'Omzet van bestaande klanten deze periode als aandeel van hun omzet in de periode ervoor; zolang de periode loopt, tegen dezelfde dagen van de periode ervoor.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'lagging',
  area: 'customer-retention',
  scopes: ['org', 'team', 'rep', 'customer'],
  accumulation: 'level',
  groups: ['cohort'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ cohort }) => percentOf(cohort.revenueCents, cohort.previousRevenueCents),
})

/** Upsell + cross-sell revenue won in P from customers acquired before P, in currency units. */
export const expansionRevenue = defineKpi({
  key: 'revenue.expansion',
  name: { en: 'Expansion revenue', nl: 'Uitbreidingsomzet' },
  description: {
    en: 'Upsell and cross-sell revenue won from existing customers in the period.',
    nl: 'Upsell- en cross-sellomzet van bestaande klanten in de periode.',
  },
  unit: 'money',
  direction: 'higher',
  kind: 'lagging',
  area: 'customer-retention',
  scopes: ['org', 'team', 'rep', 'customer'],
  accumulation: 'sum',
  groups: ['deals'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => moneyValue(deals.expansionAmountCents),
})

/** Expected lifetime is capped: with (almost) no churn, 1 ÷ churn would promise centuries. */
export const CLV_MAX_LIFETIME_YEARS = 10

/**
 * CLV = (gross margin of the trailing 12 months ÷ customers active at their end) × expected lifetime, the
 * months ending where P ends, or now while P runs (./windows.ts clvWindow),
 * lifetime = min(10, 1 ÷ annual churn) years, annual churn = churned in the window ÷ active at its start
 * (no churn → 10 years). No value ('zero-denominator') without active customers at the end or at the
 * window start (no churn history to estimate a lifetime).
 */
export const customerLifetimeValue = defineKpi({
  key: 'customers.clv',
  name: { en: 'Customer lifetime value', nl: 'Klantwaarde (CLV)' },
  description: {
    en: 'Yearly gross margin per customer times the expected years a customer stays.',
    nl: 'Jaarlijkse brutomarge per klant maal het verwachte aantal jaren dat een klant blijft.',
  },
  unit: 'money',
  direction: 'higher',
  kind: 'lagging',
  area: 'customer-retention',
  scopes: customerScopes,
  accumulation: 'level',
  groups: ['lifetime'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ lifetime }) => {
    if (lifetime.activeAtEnd === 0 || lifetime.activeAtWindowStart === 0) return noValue('zero-denominator')
    const yearlyMarginPerCustomer = centsToUnits(lifetime.marginCents) / lifetime.activeAtEnd
    // lifetime = min(cap, start ÷ churned), written so churned = 0 needs no division.
    const years =
      lifetime.churnedInWindow * CLV_MAX_LIFETIME_YEARS <= lifetime.activeAtWindowStart
        ? CLV_MAX_LIFETIME_YEARS
        : lifetime.activeAtWindowStart / lifetime.churnedInWindow
    return someValue(yearlyMarginPerCustomer * years)
  },
})

/** Customer NPS: % promoters (9–10) − % detractors (0–6) of responses in P, −100…100. */
export const customerNps = defineKpi({
  key: 'customers.nps',
  name: { en: 'Customer NPS', nl: 'Klant-NPS' },
  description: {
    en: 'Net Promoter Score of customer responses: promoters minus detractors.',
    nl: 'Net Promoter Score van klantreacties: promoters min criticasters.',
  },
  unit: 'score',
  direction: 'higher',
  kind: 'leading',
  area: 'customer-retention',
  scopes: ['org', 'team', 'customer'],
  accumulation: 'level',
  groups: ['surveys'],
  format: { maximumFractionDigits: 0, signed: true },
  defaultThreshold: absoluteThreshold(30, 0),
  compute: ({ surveys }) => netPromoterScore(surveys.npsPromoters, surveys.npsDetractors, surveys.npsResponses),
})

/** CSAT: share of responses in P scoring 4–5 on 1–5, in percent. */
export const customerCsat = defineKpi({
  key: 'customers.csat',
  name: { en: 'Customer satisfaction', nl: 'Klanttevredenheid' },
  description: {
    en: 'Share of satisfaction responses scoring 4 or 5 out of 5.',
    nl: 'Aandeel tevredenheidsreacties met een 4 of 5 op 5.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'leading',
  area: 'customer-retention',
  scopes: ['org', 'team', 'customer'],
  accumulation: 'level',
  groups: ['surveys'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: absoluteThreshold(80, 70),
  compute: ({ surveys }) => percentOf(surveys.csatSatisfied, surveys.csatResponses),
})
