/**
 * Focus area "Result" (SPEC 2, rank 2): revenue against target, split by type (001, 004).
 * Exports: wonRevenue, revenueGrowth, revenueSplit, winRate, avgDealSize, cycleDays, marginPct, newCustomers.
 */
import { centsToUnits } from '../money.ts'
import { percentOf, ratio, someValue, withDetails } from '../value.ts'
import { DEAL_TYPES } from './aggregates.ts'
import { defineKpi } from './define-kpi.ts'
import { countValue, growthPercent, meanOf, moneyValue, SECONDS_PER_DAY, THRESHOLDS } from './formulas.ts'

const dealScopes = ['org', 'team', 'rep', 'customer'] as const

/** Σ amount of deals won in P, in currency units (exact: summed as integer cents). */
export const wonRevenue = defineKpi({
  key: 'revenue.won',
  name: { en: 'Won revenue', nl: 'Gewonnen omzet' },
  description: {
    en: 'Total amount of the deals won in the period.',
    nl: 'Totaalbedrag van de in de periode gewonnen deals.',
  },
  unit: 'money',
  direction: 'higher',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'sum',
  groups: ['deals'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => moneyValue(deals.wonAmountCents),
})

/**
 * Won revenue in P vs the previous period: (P − prev) ÷ prev × 100. Details: 'vs-last-year' (same
 * period last year) and 'ytd-vs-last-ytd' (year-to-date vs last year-to-date). Each is no value
 * ('zero-denominator') when its base is 0 and 'no-data' when the context lacks it.
 */
export const revenueGrowth = defineKpi({
  key: 'revenue.growth',
  name: { en: 'Revenue growth', nl: 'Omzetgroei' },
  description: {
    en: 'Won revenue compared with the previous period, the same period last year and year-to-date.',
    nl: 'Gewonnen omzet vergeleken met de vorige periode, dezelfde periode vorig jaar en het jaar tot nu toe.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['deals'],
  format: { maximumFractionDigits: 1, signed: true },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }, { previous, lastYear, yearToDate, lastYearToDate }) =>
    withDetails(growthPercent(deals.wonAmountCents, previous?.deals.wonAmountCents), [
      { key: 'vs-last-year', value: growthPercent(deals.wonAmountCents, lastYear?.deals.wonAmountCents) },
      {
        key: 'ytd-vs-last-ytd',
        value:
          yearToDate === undefined
            ? growthPercent(0, undefined)
            : growthPercent(yearToDate.deals.wonAmountCents, lastYearToDate?.deals.wonAmountCents),
      },
    ]),
})

/** Won revenue split by deal type: value = the total, details 'type:<new_business|upsell|cross_sell|renewal>'. */
export const revenueSplit = defineKpi({
  key: 'revenue.split',
  name: { en: 'Revenue by type', nl: 'Omzet per soort' },
  description: {
    en: 'Won revenue split into new business, upsell, cross-sell and renewal.',
    nl: 'Gewonnen omzet verdeeld over nieuwe klanten, upsell, cross-sell en verlenging.',
  },
  unit: 'money',
  direction: 'neutral',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'sum',
  groups: ['deals'],
  format: { maximumFractionDigits: 0 },
  compute: ({ deals }) =>
    someValue(
      centsToUnits(deals.wonAmountCents),
      DEAL_TYPES.map((type) => ({ key: `type:${type}`, value: moneyValue(deals.wonAmountCentsByType[type]) })),
    ),
})

/** won ÷ (won + lost) × 100 for deals closed in P. No value ('zero-denominator') when nothing closed. */
export const winRate = defineKpi({
  key: 'deals.win_rate',
  name: { en: 'Win rate', nl: 'Scoringspercentage' },
  description: {
    en: 'Share of the deals closed in the period that were won (the hit rate).',
    nl: 'Aandeel van de in de periode afgesloten deals dat gewonnen is (hitrate).',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['deals'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => percentOf(deals.won, deals.won + deals.lost),
})

/** Mean amount of deals won in P in currency units. No value ('zero-denominator') when none was won. */
export const avgDealSize = defineKpi({
  key: 'deals.avg_size',
  name: { en: 'Average deal size', nl: 'Gemiddelde dealgrootte' },
  description: {
    en: 'Average amount of the deals won in the period.',
    nl: 'Gemiddeld bedrag van de in de periode gewonnen deals.',
  },
  unit: 'money',
  direction: 'higher',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['deals'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => meanOf(deals.wonAmountCents, deals.won, 100),
})

/** Mean days from deal creation to close for deals won in P. No value ('zero-denominator') without wins. */
export const cycleDays = defineKpi({
  key: 'deals.cycle_days',
  name: { en: 'Sales cycle', nl: 'Verkoopcyclus' },
  description: {
    en: 'Average days from first contact (deal created) to a won deal.',
    nl: 'Gemiddeld aantal dagen van eerste contact (deal aangemaakt) tot gewonnen deal.',
  },
  unit: 'days',
  direction: 'lower',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['deals'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => meanOf(deals.wonCycleSecondsSum, deals.won, SECONDS_PER_DAY),
})

/**
 * Σ(amount − cost) ÷ Σ amount × 100 over deals won in P whose cost is known (may be negative when costs
 * exceed amounts). A deal of unknown cost is left out of both sums: counting its cost as 0 would overstate the
 * margin (decision 29); detail 'unknown-cost' counts them (only when there are any). No value ('zero-denominator') when the won amount of known cost is 0.
 */
export const marginPct = defineKpi({
  key: 'deals.margin_pct',
  name: { en: 'Gross margin', nl: 'Brutomarge' },
  description: {
    en: 'Margin on the deals won in the period, as a share of their amount.',
    nl: 'Marge op de in de periode gewonnen deals, als aandeel van hun bedrag.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'lagging',
  area: 'result',
  scopes: dealScopes,
  accumulation: 'level',
  groups: ['deals'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) =>
    withDetails(
      ratio(deals.wonCostKnownAmountCents - deals.wonCostCents, deals.wonCostKnownAmountCents, 100),
      // Says how many won deals the margin leaves out, so a margin over few costed deals is not misread.
      deals.wonCostUnknown > 0 ? [{ key: 'unknown-cost', value: countValue(deals.wonCostUnknown) }] : [],
    ),
})

/** Customers whose first won deal closed in P. */
export const newCustomers = defineKpi({
  key: 'customers.new',
  name: { en: 'New customers', nl: 'Nieuwe klanten' },
  description: {
    en: 'Customers that won their first deal with us in the period.',
    nl: 'Klanten die in de periode hun eerste deal met ons sloten.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'lagging',
  area: 'result',
  scopes: ['org', 'team', 'rep'],
  accumulation: 'sum',
  groups: ['deals'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => countValue(deals.newCustomers),
})
