/**
 * Working days: Monday–Friday minus the organisation's holiday list (SPEC section 4). Targets are
 * pro-rated by working days, so a month is not red on its second day.
 *
 * Conventions: the current local day counts as *elapsed* for pro-rating (on the last working day the
 * pro-rated target equals the full target) and also as *remaining* for the pace a rep needs (on Friday
 * morning "3 more meetings today keeps you green" is still useful).
 *
 * Exports: isWorkingDay, countWorkingDays, WorkingDayProgress, workingDayProgress.
 */
import { addDays, daysBetween, isoWeekday, type LocalDate } from './calendar.ts'
import type { Span } from './periods.ts'
import { instantMs, localDateOf, type Instant } from './time-zone.ts'

/** Monday–Friday and not in `holidays`. */
export function isWorkingDay(date: LocalDate, holidays: ReadonlySet<LocalDate>): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(date)
}

/** Working days in [startDate, endDate). 0 when endDate ≤ startDate. */
export function countWorkingDays(startDate: LocalDate, endDate: LocalDate, holidays: ReadonlySet<LocalDate>): number {
  const days = daysBetween(startDate, endDate)
  if (days <= 0) return 0
  // Whole weeks have exactly 5 weekdays; only the remainder is walked day by day.
  const fullWeeks = Math.floor(days / 7)
  let count = fullWeeks * 5
  for (let d = addDays(startDate, fullWeeks * 7); d < endDate; d = addDays(d, 1)) {
    if (isoWeekday(d) <= 5) count++
  }
  for (const h of holidays) if (h >= startDate && h < endDate && isoWeekday(h) <= 5) count--
  return count
}

export type WorkingDayProgress = {
  /** Working days in the whole period. */
  total: number
  /** Working days from the start up to and including today (all of them once the period has ended). */
  elapsed: number
  /** Working days from today (inclusive, if a working day) to the end: the days a rep can still act on. */
  remaining: number
}

/** Working-day progress of `span` at `now` in `timeZone`. */
export function workingDayProgress(
  span: Span,
  now: Instant,
  timeZone: string,
  holidays: ReadonlySet<LocalDate>,
): WorkingDayProgress {
  const total = countWorkingDays(span.startDate, span.endDate, holidays)
  const t = instantMs(now)
  if (t >= instantMs(span.end)) return { total, elapsed: total, remaining: 0 }
  if (t < instantMs(span.start)) return { total, elapsed: 0, remaining: total }
  const today = localDateOf(now, timeZone)
  const elapsed = countWorkingDays(span.startDate, addDays(today, 1), holidays)
  const remaining = countWorkingDays(today, span.endDate, holidays)
  return { total, elapsed, remaining }
}
