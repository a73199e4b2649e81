/**
 * KpiValue: the result of computing a KPI. Either a finite number in the KPI's display unit (percent as
 * 0–100, money in currency units, days, hours, counts) or *no value with a reason*. A computation never
 * returns NaN, Infinity or a silent 0 (SPEC section 3: "A KPI whose denominator is zero has no value").
 *
 * Exports: NO_VALUE_REASONS, NoValueReason, KpiDetail, KpiValue, someValue, noValue, ratio, percentOf, isValue, valueOrNull.
 */

export const NO_VALUE_REASONS = [
  /** The formula's denominator is zero (e.g. win rate with nothing closed). */
  'zero-denominator',
  /** No records at all in the period for this scope (e.g. no survey responses, no won deals). */
  'no-data',
  /** The KPI needs a target (pipeline coverage) and none is set. */
  'no-target',
  /** Coverage when the target is already reached: nothing is missing, so the ratio is undefined. */
  'target-met',
  /** Cost KPIs on day/week periods: costs are booked per month, so they cannot be split honestly. */
  'period-too-short',
  /** The KPI is not defined for the requested scope (e.g. eNPS for one rep: surveys are anonymous). */
  'unsupported-scope',
  /** A derived figure that does not apply to this KPI (a pace per day for a rate). */
  'not-applicable',
] as const
export type NoValueReason = (typeof NO_VALUE_REASONS)[number]

/** A secondary figure shown beside the headline value (breakdown, variant, comparison). */
export type KpiDetail = {
  /** Stable key, e.g. 'channel:web', 'type:upsell', 'icp', 'weighted', 'vs-previous'. */
  key: string
  value: KpiValue
}

export type KpiValue =
  | { kind: 'value'; value: number; details?: KpiDetail[] }
  | { kind: 'none'; reason: NoValueReason; details?: KpiDetail[] }

/** A value; throws on NaN/Infinity because that is always a bug in the caller's formula. */
export function someValue(value: number, details?: KpiDetail[]): KpiValue {
  if (!Number.isFinite(value)) throw new RangeError(`KPI value must be finite, got ${value}`)
  // -0 would print as "-0" in some formatters.
  const clean = Object.is(value, -0) ? 0 : value
  return details && details.length > 0 ? { kind: 'value', value: clean, details } : { kind: 'value', value: clean }
}

/** No value, with the reason shown to the user instead of a number. */
export function noValue(reason: NoValueReason, details?: KpiDetail[]): KpiValue {
  return details && details.length > 0 ? { kind: 'none', reason, details } : { kind: 'none', reason }
}

/**
 * numerator ÷ denominator × scale. No value ('zero-denominator') when the denominator is 0.
 * `scale` is 100 for percentages.
 */
export function ratio(numerator: number, denominator: number, scale = 1): KpiValue {
  if (denominator === 0) return noValue('zero-denominator')
  // Scale first: integer counts and cents then divide once (11 ÷ 10 × 100 would give 110.00000000000001).
  return someValue((numerator * scale) / denominator)
}

/** part ÷ whole × 100 (percent 0–100 when 0 ≤ part ≤ whole); no value when whole is 0. */
export function percentOf(part: number, whole: number): KpiValue {
  return ratio(part, whole, 100)
}

export function isValue(v: KpiValue): v is Extract<KpiValue, { kind: 'value' }> {
  return v.kind === 'value'
}

/** The number, or null when there is no value. */
export function valueOrNull(v: KpiValue): number | null {
  return v.kind === 'value' ? v.value : null
}

/** Adds details to a value (keeps the kind and reason). */
export function withDetails(v: KpiValue, details: KpiDetail[]): KpiValue {
  if (details.length === 0) return v
  return { ...v, details: [...(v.details ?? []), ...details] }
}
