/**
 * One KPI for one scope and period, everything a gauge shows: the value, the target progress (pro-rated
 * target, forecast, gap, pace), the status and its action points. The API calls this per KPI after
 * loading the aggregates, the target and the resolved threshold; the web app only renders the result.
 *
 * Exports: KpiEvaluation, evaluateKpi.
 */
import type { Aggregates } from './kpis/aggregates.ts'
import type { KpiContext } from './kpis/define-kpi.ts'
import type { KpiKey } from './kpis/keys.ts'
import { computeKpi, KPIS } from './kpis/registry.ts'
import { centsToUnits } from './money.ts'
import type { Scope } from './scope.ts'
import { kpiStatus, type Status } from './status.ts'
import { targetProgress, type TargetProgress } from './targets.ts'
import type { ThresholdSetting } from './thresholds.ts'
import type { KpiValue } from './value.ts'
import type { WorkingDayProgress } from './working-days.ts'

export type KpiEvaluation = {
  key: KpiKey
  value: KpiValue
  /** Null without a target, or without a value to compare. */
  target: TargetProgress | null
  status: Status
  actions: readonly string[]
}

/**
 * Computes the KPI, compares it with `fullTarget` (pro-rated by `progress` for cumulative KPIs) and
 * resolves the status with `threshold` (already resolved: team override → org default → KPI default).
 * For revenue.won, the pipeline forecast is added when the 'pipeline' aggregates are present. `started` false
 * (the period begins after now) gives 'not-started' without action points.
 */
export function evaluateKpi(options: {
  key: KpiKey
  scope: Scope
  aggregates: Partial<Aggregates>
  context: KpiContext
  fullTarget: number | null
  progress: WorkingDayProgress
  threshold: ThresholdSetting | null
  started?: boolean
}): KpiEvaluation {
  const { key, scope, aggregates, context, fullTarget, progress, threshold, started = true } = options
  const kpi = KPIS[key]
  const value = computeKpi(key, scope, aggregates, context)
  const weightedClosing =
    key === 'revenue.won' && aggregates.pipeline
      ? centsToUnits(aggregates.pipeline.weightedClosingInPeriodCents)
      : undefined
  const target =
    fullTarget === null || value.kind === 'none'
      ? null
      : targetProgress({
          direction: kpi.direction,
          accumulation: kpi.accumulation,
          actual: value.value,
          fullTarget,
          progress,
          ...(weightedClosing === undefined ? {} : { weightedClosingInPeriod: weightedClosing }),
        })
  const { status, actions } = kpiStatus({
    direction: kpi.direction,
    value,
    threshold,
    target: target?.comparisonTarget ?? null,
    started,
  })
  return { key, value, target, status, actions }
}
