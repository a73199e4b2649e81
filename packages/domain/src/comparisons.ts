/**
 * Like-for-like comparisons inside a running period (SPEC section 4): the current period so far is
 * compared with the *same elapsed span* of the previous period and of the same period last year (this
 * month's first 14 days and 9 hours vs last month's first 14 days and 9 hours), never a finished period
 * against a running one. The elapsed span is measured in local calendar days plus local time of day,
 * so DST does not shift it; it is capped at the comparison period's end (31 March vs a 28-day February).
 *
 * Exports: LikeForLike, likeForLike, elapsedSpan, yearToDateSpans.
 */
import { addDays, addMonths, daysBetween } from './calendar.ts'
import {
  lastYearToDate,
  previousPeriod,
  samePeriodLastYear,
  yearToDate,
  type Period,
  type PeriodSettings,
  type Span,
} from './periods.ts'
import { instantMs, localDateTimeOf, toInstant, zonedInstant, type Instant } from './time-zone.ts'

export type LikeForLike = {
  /** False once the period has ended (then the spans are the whole periods). */
  running: boolean
  current: Span
  previous: Span
  lastYear: Span
}

/** `period` from its start to the same local day offset and time of day as `now` in `reference`. */
export function elapsedSpan(period: Period, reference: Period, now: Instant, settings: PeriodSettings): Span {
  const local = localDateTimeOf(now, settings.timeZone)
  const dayOffset = daysBetween(reference.startDate, local.date)
  const endDate = addDays(period.startDate, dayOffset)
  let end = zonedInstant(endDate, local.msOfDay, settings.timeZone)
  if (instantMs(end) > instantMs(period.end)) end = period.end
  if (instantMs(end) < instantMs(period.start)) end = period.start
  // endDate is exclusive: a partly elapsed day is included, a day that has not begun (msOfDay 0) is not.
  const spanEndDate =
    end === period.end
      ? period.endDate
      : end === period.start
        ? period.startDate
        : local.msOfDay === 0
          ? endDate
          : addDays(endDate, 1)
  return { start: period.start, end, startDate: period.startDate, endDate: spanEndDate }
}

/**
 * The spans to compare for `period` at `now`. Inside a running period all three are cut to the same
 * elapsed span; for a finished period they are the whole periods; before it starts they are empty.
 *
 * The comparison spans are cut at the start of `now`'s minute, the current span at `now` itself: a write made a
 * second ago is in the current figures, while the previous and last year's spans stay the same for a whole
 * minute, so their aggregates (in the past, rarely written) are computed once a minute instead of on every
 * request (apps/api/src/kpi/span-cache.ts, issue 19). The difference is under a minute of elapsed time.
 */
export function likeForLike(period: Period, now: Instant, settings: PeriodSettings): LikeForLike {
  const previous = previousPeriod(period, settings)
  const lastYear = samePeriodLastYear(period, settings)
  const t = instantMs(now)
  if (t >= instantMs(period.end)) return { running: false, current: period, previous, lastYear }
  const minute = toInstant(Math.floor(t / 60_000) * 60_000)
  return {
    running: t >= instantMs(period.start),
    current: elapsedSpan(period, period, now, settings),
    previous: elapsedSpan(previous, period, minute, settings),
    lastYear: elapsedSpan(lastYear, period, minute, settings),
  }
}

/**
 * Fiscal year-to-date up to the end of `period` (or up to `now` while it runs), and last year's
 * counterpart: up to the same calendar date one year earlier (29 February → 28 February) and, while
 * running, the same local time of day. For revenue.growth's 'ytd-vs-last-ytd'.
 */
export function yearToDateSpans(
  period: Period,
  now: Instant,
  settings: PeriodSettings,
): { current: Span; lastYear: Span } {
  if (instantMs(now) >= instantMs(period.end) || instantMs(now) < instantMs(period.start)) {
    const lastDay = addDays(period.endDate, -1)
    return { current: yearToDate(lastDay, settings), lastYear: lastYearToDate(lastDay, settings) }
  }
  const local = localDateTimeOf(now, settings.timeZone)
  const cut = (whole: Span, date: string): Span => {
    const end = zonedInstant(date, local.msOfDay, settings.timeZone)
    return { ...whole, end, endDate: local.msOfDay === 0 ? date : addDays(date, 1) }
  }
  const lastYearDate = addMonths(local.date, -12)
  return {
    current: cut(yearToDate(local.date, settings), local.date),
    lastYear: cut(yearToDate(lastYearDate, settings), lastYearDate),
  }
}
