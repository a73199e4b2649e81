/**
 * Targets for days and weeks derived from the coarser targets people actually set (SPEC 4, issue 18):
 * an admin sets a month (or quarter, or year) target; a day or week view shows its share by working days
 * instead of "No target". An explicit day or week target always wins (the caller looks it up first).
 *
 * Exports: DERIVED_FROM, DerivedTarget, derivedTarget.
 */
import type { Accumulation } from './kpis/define-kpi.ts'
import { nextPeriod, periodContaining, type Period, type PeriodSettings, type PeriodType } from './periods.ts'
import type { LocalDate } from './calendar.ts'
import { countWorkingDays } from './working-days.ts'

/** The coarser period types a target is derived from, nearest first. Months and longer are never derived. */
export const DERIVED_FROM: Record<PeriodType, readonly PeriodType[]> = {
  day: ['week', 'month', 'quarter', 'year'],
  week: ['month', 'quarter', 'year'],
  month: [],
  quarter: [],
  year: [],
}

export type DerivedTarget = {
  value: number
  /** The periods whose targets it came from: one, or two for a week that spans two months. */
  from: Period[]
}

/**
 * The target of `period` derived from the nearest coarser type whose every period overlapping `period` has
 * a target (`targetOf`). 'sum' KPIs take each parent's share by working days:
 *   Σ parentTarget × working days of `period` inside the parent ÷ working days of the parent
 * (a week from Mon 28 Dec to Sun 3 Jan takes 4/22 of December's and 1/20 of January's target, say).
 * 'level' KPIs (rates, means) take the parent's target as is: the one holding most of the period's working
 * days, the earlier on a tie. Null when no coarser type has targets, or for a 'sum' KPI on a period without
 * working days (a Saturday has no share of the month's calls).
 */
export function derivedTarget(options: {
  period: Period
  accumulation: Accumulation
  settings: PeriodSettings & { holidays: ReadonlySet<LocalDate> }
  targetOf: (parent: Period) => number | undefined
}): DerivedTarget | null {
  const { period, accumulation, settings, targetOf } = options
  const workingDays = (from: LocalDate, to: LocalDate) => countWorkingDays(from, to, settings.holidays)
  for (const type of DERIVED_FROM[period.type]) {
    const parents = overlapping(period, type, settings)
    const values = parents.map(targetOf)
    if (values.some((v) => v === undefined)) continue
    const shares = parents.map((parent, i) => ({
      value: values[i]!,
      inside: workingDays(later(parent.startDate, period.startDate), earlier(parent.endDate, period.endDate)),
      total: workingDays(parent.startDate, parent.endDate),
    }))
    if (accumulation === 'level') {
      const main = shares.reduce((best, s) => (s.inside > best.inside ? s : best))
      return { value: main.value, from: parents }
    }
    if (shares.every((s) => s.inside === 0)) return null
    const value = shares.reduce((sum, s) => sum + (s.total === 0 ? 0 : (s.value * s.inside) / s.total), 0)
    return { value, from: parents }
  }
  return null
}

/** The periods of `type` that overlap `period`, in order. */
function overlapping(period: Period, type: PeriodType, settings: PeriodSettings): Period[] {
  const out = [periodContaining(period.startDate, type, settings)]
  while (out.at(-1)!.endDate < period.endDate) out.push(nextPeriod(out.at(-1)!, settings))
  return out
}

const later = (a: LocalDate, b: LocalDate) => (a > b ? a : b)
const earlier = (a: LocalDate, b: LocalDate) => (a < b ? a : b)
