/**
 * The pace line of My targets as arithmetic: what is still needed to reach the full-period target, in amounts a
 * person can act on. The web app (lib/figures/pace-text.ts) and the digests (apps/api/src/digests/words.ts) phrase
 * the same result in their own words, so a person reads the same line in My targets and in a digest.
 *
 * Exports: PaceKpi, PaceNeed, paceNeed.
 */
import type { Accumulation, Direction, Unit } from './kpis/define-kpi.ts'

export type PaceKpi = {
  /** The full-period target; null without one. */
  target: number | null
  /** Full target − value so far (≤ 0: reached); null without a value. */
  gapToFull: number | null
  accumulation: Accumulation
  direction: Direction
  unit: Unit
  /** The KPI's display precision: a per-day amount is rounded up at it. */
  fractionDigits: number
}

/** `target` is repeated in each case so a phrasing needs nothing else. Amounts are in the KPI's unit. */
export type PaceNeed =
  | { kind: 'reached'; target: number }
  /** The period has no working day left: `gap` is still short. */
  | { kind: 'no-days-left'; target: number; gap: number }
  /** `amount` more per working day, `need` in all over `days` working days. */
  | { kind: 'per-day'; target: number; amount: number; need: number; days: number }
  /** Whole things, fewer than the days left: 1 more every `every` working days. */
  | { kind: 'every'; target: number; every: number; need: number; days: number }
  /** Exactly one more thing in the `days` working days left. */
  | { kind: 'one-more'; target: number; days: number }

/**
 * What is still needed to reach the full target over `remainingDays` working days (today included). Counts are
 * whole things (a shortfall of 4.2 calls is 5 more calls), and a need is never rounded to 0:
 *   - 5 more over 19 days: one today, then one every ⌊(19 − 1) ÷ (5 − 1)⌋ = 4 working days makes 5 by the last day;
 *   - 40 more over 19 days: 40 ÷ 19 = 2.1 → 2 per working day (to the nearest whole, at least 1 as need ≥ days);
 *   - 1 more: one more in the days left.
 * Other units: gap ÷ days rounded *up* at the KPI's precision (€1,234.12 → €1,235), never below what is needed.
 * Null — no pace line — without a target or a value, for KPIs that do not add up over days ('level'), and where
 * lower or neither is better.
 */
export function paceNeed(kpi: PaceKpi, remainingDays: number): PaceNeed | null {
  const { target, gapToFull: gap } = kpi
  if (target === null || gap === null || kpi.accumulation !== 'sum' || kpi.direction !== 'higher') return null
  if (gap <= 0) return { kind: 'reached', target }
  const days = remainingDays
  if (days <= 0) return { kind: 'no-days-left', target, gap }
  if (kpi.unit !== 'count') {
    const scale = 10 ** kpi.fractionDigits
    // − 1e-9: a gap that divides exactly (5 000 ÷ 4) must not gain a unit from floating-point noise.
    const amount = Math.ceil((gap / days) * scale - 1e-9) / scale
    return { kind: 'per-day', target, amount, need: gap, days }
  }
  const need = Math.ceil(gap - 1e-9)
  if (need === 1) return { kind: 'one-more', target, days }
  if (need >= days) return { kind: 'per-day', target, amount: Math.round(need / days), need, days }
  return { kind: 'every', target, every: Math.floor((days - 1) / (need - 1)), need, days }
}
