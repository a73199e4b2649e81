/**
 * A running period as finished parts plus what is still going on (issue 19, docs/decisions/0041): this year so far
 * is its finished months, this month's finished days and the rest from today's local midnight to the period's end.
 * Figures that add up over disjoint spans (counts and sums: kpis/combine.ts) are then the sum of the parts; the
 * finished parts no longer change with time, so a cache keeps them and a write of today costs only today.
 *
 * Every part is a whole period of its own type (a month, a day), and the rest is typed as the period it belongs
 * to and ends where it ends: kpis/windows.ts treats every part as a whole period, like the period itself.
 *
 * Exports: runningParts.
 */
import { addDays } from './calendar.ts'
import { periodContaining, type Period, type PeriodSettings } from './periods.ts'
import { instantMs, localDateOf, startOfLocalDay, type Instant } from './time-zone.ts'

/**
 * The parts of `period` at `now`, in time order and covering it exactly; null when splitting gains nothing (a day,
 * or a period that is not running).
 */
export function runningParts(period: Period, now: Instant, settings: PeriodSettings): Period[] | null {
  const t = instantMs(now)
  if (period.type === 'day' || t < instantMs(period.start) || t >= instantMs(period.end)) return null
  const today = localDateOf(now, settings.timeZone)
  const parts: Period[] = []
  let date = period.startDate
  // Whole months before the current one (quarters and years consist of whole months).
  if (period.type === 'quarter' || period.type === 'year') {
    for (;;) {
      const month = periodContaining(date, 'month', settings)
      if (month.endDate > today) break
      parts.push(month)
      date = month.endDate
    }
  }
  // Then whole days before today.
  while (date < today) {
    const day = periodContaining(date, 'day', settings)
    parts.push(day)
    date = addDays(date, 1)
  }
  // Today is the period's first day: there is nothing finished to split off.
  if (parts.length === 0) return null
  parts.push({ ...period, start: startOfLocalDay(date, settings.timeZone), startDate: date })
  return parts
}
