/**
 * One KPI of a loaded view (./kpi-view.ts) as the dashboard shows it: value, previous and last-year values
 * with deltas, target (full and pro-rated) with gap and pace, forecast, status with action points, trend
 * (actual and target per period; the running period marked with its pro-rated target, periods not started
 * without a value: docs/decisions/0032) and, for a team, the value per rep.
 */
import type { Aggregates } from '@kpi/domain/kpis/aggregates'
import type { KpiContext } from '@kpi/domain/kpis/define-kpi'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { computeKpi, KPIS } from '@kpi/domain/kpis/registry'
import { hasStarted, isRunning, type Period, type Span } from '@kpi/domain/periods'
import { printScope } from '@kpi/domain/scope'
import { localDateOf } from '@kpi/domain/time-zone'
import { kpiStatus } from '@kpi/domain/status'
import { pipelineForecast, proRatedTarget, runRateForecast, targetProgress } from '@kpi/domain/targets'
import { derivedTarget } from '@kpi/domain/derived-targets'
import { thresholdBands } from '@kpi/domain/thresholds'
import { noValue, valueOrNull, type KpiValue } from '@kpi/domain/value'
import { workingDayProgress } from '@kpi/domain/working-days'
import type { BreakdownRow, DashboardKpi, TrendPoint } from '@kpi/contract/dashboard'
import { thresholdFor, type KpiView } from './kpi-view.ts'
import { targetKey } from './settings.db.ts'

export type Locale = 'en' | 'nl'

type ResolvedTarget = {
  value: number
  source: 'own' | 'team-split' | 'team'
  /** Set for a day or week target derived from coarser ones (null: set for the period itself). */
  derivedFrom: Period[] | null
}

/**
 * The full target of `key` for the view's scope in `period`: the scope's own; for a rep without one, when
 * the organisation splits team targets, the team's target ÷ the team's active sellers (sum KPIs; decision 0038) or the
 * team's target itself (level KPIs: a win-rate target does not divide). Each is the one set for the period,
 * else (days and weeks) derived from the month, quarter or year by working days.
 */
export function targetFor(view: KpiView, key: KpiKey, period: Period): ResolvedTarget | null {
  const { scope } = view.request
  const own = scopeTarget(view, key, printScope(scope), period)
  if (own) return { ...own, source: 'own' }
  const teamId = view.scopeInfo.teamId
  if (scope.type !== 'rep' || teamId === null || !view.settings.splitTeamTargets) return null
  const team = scopeTarget(view, key, `team:${teamId}`, period)
  if (team === null || view.scopeInfo.teamSize === 0) return null
  return KPIS[key].accumulation === 'sum'
    ? { value: team.value / view.scopeInfo.teamSize, derivedFrom: team.derivedFrom, source: 'team-split' }
    : { ...team, source: 'team' }
}

/**
 * The target set for `period` itself, else one derived from coarser periods (./kpi-view.ts loads both for the
 * view's scope; the KPI detail's leaderboard loads them for each rep). The one rule for cards and leaderboards.
 */
export function scopeTarget(
  tables: Pick<KpiView, 'targets' | 'parentTargets' | 'settings'>,
  key: KpiKey,
  scopeKey: string,
  period: Period,
): { value: number; derivedFrom: Period[] | null } | null {
  const set = tables.targets.get(targetKey(key, scopeKey, period.startDate))
  if (set !== undefined) return { value: set, derivedFrom: null }
  const derived = derivedTarget({
    period,
    accumulation: KPIS[key].accumulation,
    settings: tables.settings,
    targetOf: (parent) => tables.parentTargets.get(parent.type)?.get(targetKey(key, scopeKey, parent.startDate)),
  })
  return derived && { value: derived.value, derivedFrom: derived.from }
}

function fullTargets(view: KpiView, period: Period): Partial<Record<KpiKey, number>> {
  const out: Partial<Record<KpiKey, number>> = {}
  for (const key of view.request.keys) {
    const t = targetFor(view, key, period)
    if (t) out[key] = t.value
  }
  // Pipeline coverage reads the revenue target even when revenue itself is not on the dashboard.
  const revenue = targetFor(view, 'revenue.won', period)
  if (revenue) out['revenue.won'] = revenue.value
  return out
}

const delta = (a: KpiValue, b: KpiValue) => (a.kind === 'value' && b.kind === 'value' ? a.value - b.value : null)
const plainSpan = ({ start, end, startDate, endDate }: Span) => ({ start, end, startDate, endDate })

export function buildKpiCard(view: KpiView, key: KpiKey, locale: Locale): DashboardKpi {
  const kpi = KPIS[key]
  const { scope } = view.request
  const T = view.trend.length
  const aggs = view.aggregates
  const { previous, lastYear } = view.comparison
  const compute = (a: Partial<Aggregates>, context: KpiContext) => computeKpi(key, scope, a, context)
  const context = (period: Period, extra: Partial<KpiContext> = {}): KpiContext => ({
    period,
    targets: fullTargets(view, period),
    ...extra,
  })

  const value = compute(
    aggs[T - 1]!,
    context(view.period, {
      previous: aggs[T] as Aggregates,
      lastYear: aggs[T + 1] as Aggregates,
      yearToDate: aggs[T + 2] as Aggregates | undefined,
      lastYearToDate: aggs[T + 3] as Aggregates | undefined,
    }),
  )
  const previousValue = compute(aggs[T]!, context(previous))
  const lastYearValue = compute(aggs[T + 1]!, context(lastYear))

  const target = targetFor(view, key, view.period)
  const pipeline = key === 'revenue.won' ? aggs[T - 1]!.pipeline : undefined
  const weightedClosing = pipeline ? pipeline.weightedClosingInPeriodCents / 100 : undefined
  const actual = valueOrNull(value)
  const progress =
    target && actual !== null
      ? targetProgress({
          direction: kpi.direction,
          accumulation: kpi.accumulation,
          actual,
          fullTarget: target.value,
          progress: view.progress,
          weightedClosingInPeriod: weightedClosing,
        })
      : null
  // What the gauge compares with: pro-rated by working days for sum KPIs (also when there is no value yet).
  const comparisonTarget =
    target === null ? null : kpi.accumulation === 'sum' ? proRatedTarget(target.value, view.progress) : target.value
  const threshold = thresholdFor(view, key, locale)
  const status = kpiStatus({
    direction: kpi.direction,
    value,
    threshold,
    target: comparisonTarget,
    started: hasStarted(view.period, view.request.now),
  })

  const trend = view.trend.map((period, i) => {
    const v =
      i === T - 1 ? value : compute(aggs[i]!, context(period, i > 0 ? { previous: aggs[i - 1] as Aggregates } : {}))
    return trendPoint(view, key, period, valueOrNull(v))
  })

  return {
    key,
    name: kpi.name[locale],
    unit: kpi.unit,
    direction: kpi.direction,
    accumulation: kpi.accumulation,
    format: kpi.format,
    value,
    previous: { value: previousValue, delta: delta(value, previousValue), span: plainSpan(previous) },
    lastYear: { value: lastYearValue, delta: delta(value, lastYearValue), span: plainSpan(lastYear) },
    target:
      target === null || comparisonTarget === null
        ? null
        : {
            full: target.value,
            comparison: comparisonTarget,
            source: target.source,
            ...(target.derivedFrom && {
              derivedFrom: target.derivedFrom.map(({ type, label, startDate }) => ({ type, label, startDate })),
            }),
            attainmentPercent: progress?.attainmentPercent ?? null,
            gapToComparison: progress?.shortfallToComparison ?? null,
            gapToFull: progress?.shortfallToFull ?? null,
            pacePerDay: progress?.pacePerDay ?? noValue('no-data'),
          },
    forecast: actual === null ? null : kpi.accumulation === 'sum' ? runRateForecast(actual, view.progress) : value,
    pipelineForecast:
      actual !== null && weightedClosing !== undefined ? pipelineForecast(actual, weightedClosing) : null,
    status: status.status,
    bands: thresholdBands({ direction: kpi.direction, threshold, target: comparisonTarget }),
    actions: [...status.actions],
    trend,
    ...(view.request.breakdown && ['team', 'region'].includes(view.request.scope.type)
      ? { breakdown: repBreakdown(view, key) }
      : {}),
  }
}

/**
 * One trend point. The running period is marked (with the last local day it counts and, for sum KPIs, the target
 * pro-rated to today) so the chart does not draw a month so far as a finished one; a period that has not started
 * has no value to draw.
 */
function trendPoint(view: KpiView, key: KpiKey, period: Period, value: number | null): TrendPoint {
  const { now } = view.request
  const { timeZone, holidays } = view.settings
  const target = targetFor(view, key, period)?.value ?? null
  const running = isRunning(period, now)
  const targetToDate =
    running && target !== null && KPIS[key].accumulation === 'sum'
      ? proRatedTarget(target, workingDayProgress(period, now, timeZone, holidays))
      : null
  return {
    label: period.label,
    start: period.start,
    end: period.end,
    value: hasStarted(period, now) ? value : null,
    target,
    running,
    throughDate: running ? localDateOf(now, timeZone) : null,
    targetToDate,
  }
}

/** The KPI per rep of the breakdown (no value 'unsupported-scope' for KPIs without a rep scope). */
export function repBreakdown(view: KpiView, key: KpiKey): BreakdownRow[] {
  return view.breakdownMembers.map(({ id, name }, i) => {
    const scope = { type: 'rep' as const, id }
    const supported = KPIS[key].scopes.includes('rep')
    return {
      key: `rep:${id}`,
      name,
      value: supported
        ? computeKpi(key, scope, view.repAggregates[i]!, { period: view.period })
        : noValue('unsupported-scope'),
    }
  })
}
