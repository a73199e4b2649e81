/**
 * Targets (SPEC section 4): pro-rating by working days, forecast to period end, the gap and the pace a
 * rep needs per remaining working day. Targets are in the KPI's display unit (money in currency units).
 *
 * Only 'sum' KPIs (counts, money won: see Accumulation in kpis/define-kpi.ts) are pro-rated, forecast by
 * run-rate and given a pace; for 'level' KPIs (rates, means, scores) the full target applies all period.
 *
 * Exports: proRatedTarget, runRateForecast, pipelineForecast, pacePerRemainingDay, shortfall,
 * TargetProgress, targetProgress, splitTeamTarget.
 */
import type { Accumulation, Direction } from './kpis/define-kpi.ts'
import { attainmentPercent } from './thresholds.ts'
import { noValue, someValue, type KpiValue } from './value.ts'
import type { WorkingDayProgress } from './working-days.ts'

/**
 * fullTarget × elapsed ÷ total working days. Equals the full target once the last working day has
 * started (elapsed = total). A period without working days (a Saturday) keeps the full target.
 */
export function proRatedTarget(fullTarget: number, progress: WorkingDayProgress): number {
  if (progress.total === 0 || progress.elapsed >= progress.total) return fullTarget
  return (fullTarget * progress.elapsed) / progress.total
}

/**
 * Run-rate forecast = actual ÷ elapsed × total working days. No value ('zero-denominator') before the
 * first working day; the actual itself when the period has no working days.
 */
export function runRateForecast(actual: number, progress: WorkingDayProgress): KpiValue {
  if (progress.total === 0) return someValue(actual)
  if (progress.elapsed === 0) return noValue('zero-denominator')
  return someValue((actual / progress.elapsed) * progress.total)
}

/**
 * Revenue forecast from the pipeline = won so far + weighted open pipeline expected to close in the
 * period (not added to the run-rate, which would count the same future deals twice).
 */
export function pipelineForecast(wonSoFar: number, weightedClosingInPeriod: number): number {
  return wonSoFar + weightedClosingInPeriod
}

/**
 * How far the actual is on the bad side of the target: target − actual for higher-is-better, actual −
 * target for lower-is-better; ≤ 0 means on or ahead of target. 0 for neutral KPIs.
 */
export function shortfall(actual: number, target: number, direction: Direction): number {
  if (direction === 'neutral') return 0
  return direction === 'higher' ? target - actual : actual - target
}

/**
 * (fullTarget − actual) ÷ remaining working days (today included): what a rep must add per day to reach
 * the full target ("3 more meetings this week keeps you green"). 0 when already there; no value
 * ('zero-denominator') when no working day remains and the target is not met.
 */
export function pacePerRemainingDay(actual: number, fullTarget: number, progress: WorkingDayProgress): KpiValue {
  const missing = fullTarget - actual
  if (missing <= 0) return someValue(0)
  if (progress.remaining === 0) return noValue('zero-denominator')
  return someValue(missing / progress.remaining)
}

export type TargetProgress = {
  fullTarget: number
  /** What the gauge compares the actual with: pro-rated for 'sum' KPIs, else the full target. */
  comparisonTarget: number
  /** shortfall against comparisonTarget and against fullTarget (≤ 0 = on track). */
  shortfallToComparison: number
  shortfallToFull: number
  /** Attainment of comparisonTarget in percent (direction-aware), null when undefined. */
  attainmentPercent: number | null
  /** End-of-period forecast: run-rate for 'sum' KPIs, the current value for 'level' KPIs. */
  forecast: KpiValue
  /** revenue.won only (when weightedClosingInPeriod is given): won + weighted pipeline closing in P. */
  pipelineForecast: number | null
  /** Per remaining working day, 'sum' KPIs with direction 'higher' only; otherwise no value. */
  pacePerDay: KpiValue
}

/** Everything the gauge and "My targets" show about one KPI against one target. */
export function targetProgress(options: {
  direction: Direction
  accumulation: Accumulation
  actual: number
  fullTarget: number
  progress: WorkingDayProgress
  /** Weighted open pipeline expected to close in P, currency units (revenue only). */
  weightedClosingInPeriod?: number
}): TargetProgress {
  const { direction, accumulation, actual, fullTarget, progress } = options
  const isSum = accumulation === 'sum'
  const comparisonTarget = isSum ? proRatedTarget(fullTarget, progress) : fullTarget
  return {
    fullTarget,
    comparisonTarget,
    shortfallToComparison: shortfall(actual, comparisonTarget, direction),
    shortfallToFull: shortfall(actual, fullTarget, direction),
    attainmentPercent: attainmentPercent(actual, comparisonTarget, direction),
    forecast: isSum ? runRateForecast(actual, progress) : someValue(actual),
    pipelineForecast:
      options.weightedClosingInPeriod === undefined ? null : pipelineForecast(actual, options.weightedClosingInPeriod),
    pacePerDay:
      isSum && direction === 'higher' ? pacePerRemainingDay(actual, fullTarget, progress) : noValue('not-applicable'),
  }
}

/**
 * A team target shown per rep when the rep has no target of their own and the admin turned splitting on
 * (SPEC 4): cumulative KPIs are divided evenly (120 calls over 4 reps = 30 each); rates, means and scores
 * apply unchanged to every rep (a 40 % win rate target is 40 % for each rep). Null for a team without reps.
 */
export function splitTeamTarget(teamTarget: number, repCount: number, accumulation: Accumulation): number | null {
  if (!Number.isInteger(repCount) || repCount <= 0) return null
  return accumulation === 'sum' ? teamTarget / repCount : teamTarget
}
