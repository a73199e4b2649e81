/**
 * Time windows some KPIs read besides the period itself. The SQL layer and the in-memory reference both
 * take their bounds from here, so they cannot disagree.
 *
 * Exports: pipelineAsOf, nrrWindows, clvWindow, efficiencyWindow, costMonthsOf.
 */
import { addDays, addMonths, type LocalDate } from '../calendar.ts'
import { previousPeriod, spanFromDates, type Period, type PeriodSettings, type Span } from '../periods.ts'
import { instantMs, type Instant } from '../time-zone.ts'

/** The instant the open pipeline is measured at: the period's end, or `now` while it is running. */
export function pipelineAsOf(period: Span, now: Instant): Instant {
  return instantMs(now) < instantMs(period.end) ? now : period.end
}

/**
 * NRR: the cohort is the customers acquired before `previous.start`; their revenue in P is compared with
 * their revenue in `previous`, the previous period of the same type (equal length in calendar terms).
 */
export function nrrWindows(period: Period, settings: PeriodSettings): { cohortBefore: Instant; previous: Period } {
  const previous = previousPeriod(period, settings)
  return { cohortBefore: previous.start, previous }
}

/** CLV: the trailing 12 calendar months ending where P ends. */
export function clvWindow(period: Span, settings: PeriodSettings): Span {
  return spanFromDates(addMonths(period.endDate, -12), period.endDate, settings.timeZone)
}

/**
 * Labour efficiency: the 6 calendar months ending with the month that contains P's last day
 * (for a week that spans two months, the later month).
 */
export function efficiencyWindow(period: Span, settings: PeriodSettings): Span {
  const lastDay = addDays(period.endDate, -1)
  const monthStart = `${lastDay.slice(0, 7)}-01`
  return spanFromDates(addMonths(monthStart, -5), addMonths(monthStart, 1), settings.timeZone)
}

/** The cost months ('YYYY-MM-01') whose first day lies in [span.startDate, span.endDate). */
export function costMonthsOf(span: Span): LocalDate[] {
  const out: LocalDate[] = []
  let m = `${span.startDate.slice(0, 7)}-01`
  if (m < span.startDate) m = addMonths(m, 1)
  for (; m < span.endDate; m = addMonths(m, 1)) out.push(m)
  return out
}
