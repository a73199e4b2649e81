/**
 * Small formulas shared by several KPIs. All return KpiValue: no value instead of NaN or Infinity.
 *
 * Exports: SECONDS_PER_DAY, growthPercent, netPromoterScore, meanOf, moneyValue, countValue, THRESHOLDS.
 */
import { centsToUnits } from '../money.ts'
import type { ThresholdSetting } from '../thresholds.ts'
import { noValue, ratio, someValue, type KpiValue } from '../value.ts'

export const SECONDS_PER_DAY = 86_400

/**
 * (current − previous) ÷ previous × 100, in percent. No value ('zero-denominator') when previous is 0
 * (growth from nothing is not a percentage); 'no-data' when there is no previous figure at all.
 */
export function growthPercent(current: number, previous: number | undefined): KpiValue {
  if (previous === undefined) return noValue('no-data')
  return ratio(current - previous, previous, 100)
}

/**
 * NPS = % promoters − % detractors = (promoters − detractors) ÷ responses × 100, in −100…100.
 * No value ('zero-denominator') without responses.
 */
export function netPromoterScore(promoters: number, detractors: number, responses: number): KpiValue {
  return ratio(promoters - detractors, responses, 100)
}

/** sum ÷ count ÷ unit; no value ('zero-denominator') when count is 0. */
export function meanOf(sum: number, count: number, unit = 1): KpiValue {
  return ratio(sum, count * unit)
}

/** Exact cents to a money KPI value in currency units (0 is a real value: nothing was won). */
export function moneyValue(cents: number): KpiValue {
  return someValue(centsToUnits(cents))
}

/** A count is always a value; 0 calls is a fact, not missing data. */
export function countValue(count: number): KpiValue {
  return someValue(count)
}

const noActions = { green: [], orange: [], red: [] }

/** Default thresholds used when an organisation configured none (admins replace them). */
export const THRESHOLDS = {
  /** Green from 100 % of the (pro-rated) target, orange from 80 %. */
  relative: { mode: 'relative', greenFrom: 100, orangeFrom: 80, actions: noActions },
} as const satisfies Record<string, ThresholdSetting>

/** An absolute default threshold without action points. */
export function absoluteThreshold(greenFrom: number, orangeFrom: number): ThresholdSetting {
  return { mode: 'absolute', greenFrom, orangeFrom, actions: noActions }
}
