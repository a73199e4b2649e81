/**
 * Calendar periods in the organisation's time zone (SPEC section 3): day, ISO week (Monday first), month,
 * quarter and year, where quarter and year follow the fiscal year (fiscalYearStartMonth 1–12). A period is
 * the half-open span [start, end) of UTC instants of local midnights, so a deal closed at 23:30 local time
 * on the last day of a month belongs to that month, and DST days are 23 or 25 hours long.
 *
 * Exports: PeriodType, PERIOD_TYPES, PeriodSettings, Span, Period, periodContaining, periodStartingOn,
 * nextPeriod, previousPeriod, samePeriodLastYear, trendPeriods, yearToDate, lastYearToDate, spanFromDates, contains,
 * periodOfInstant, isRunning.
 */
import {
  addDays,
  addMonths,
  dateParts,
  isLocalDate,
  isoWeek,
  isoWeekMonday,
  isoWeeksInYear,
  isoWeekStart,
  localDate,
  type LocalDate,
} from './calendar.ts'
import { instantMs, localDateOf, startOfLocalDay, type Instant } from './time-zone.ts'

export const PERIOD_TYPES = ['day', 'week', 'month', 'quarter', 'year'] as const
export type PeriodType = (typeof PERIOD_TYPES)[number]

export type PeriodSettings = {
  /** IANA zone, default for organisations is 'Europe/Amsterdam'. */
  timeZone: string
  /** 1 = January (calendar year) … 4 = April … 12 = December. */
  fiscalYearStartMonth: number
}

/** A half-open span of time: [start, end) as instants and [startDate, endDate) as local dates. */
export type Span = {
  start: Instant
  /** Exclusive. */
  end: Instant
  startDate: LocalDate
  /** Exclusive: the first local date after the span. */
  endDate: LocalDate
}

export type Period = Span & {
  type: PeriodType
  /** '2026-03-31', '2026-W14', '2026-03', '2026-Q1' / 'FY2026/27 Q1', '2026' / 'FY2026/27'. */
  label: string
}

/** The span between two local dates (end exclusive) in `timeZone`. */
export function spanFromDates(startDate: LocalDate, endDate: LocalDate, timeZone: string): Span {
  return { start: startOfLocalDay(startDate, timeZone), end: startOfLocalDay(endDate, timeZone), startDate, endDate }
}

function fiscalYearStart(date: LocalDate, fiscalYearStartMonth: number): LocalDate {
  const { year, month } = dateParts(date)
  const y = month >= fiscalYearStartMonth ? year : year - 1
  return localDate(y, fiscalYearStartMonth, 1)
}

function fiscalYearLabel(fyStart: LocalDate, fiscalYearStartMonth: number): string {
  const { year } = dateParts(fyStart)
  // A fiscal year that starts in January is simply the calendar year; otherwise it is named by both years.
  return fiscalYearStartMonth === 1 ? String(year) : `FY${year}/${String((year + 1) % 100).padStart(2, '0')}`
}

/**
 * The period of type `type` that contains the local date `date`.
 * Quarters are the 3-month blocks counted from the fiscal-year start month; years start on that month.
 */
export function periodContaining(date: LocalDate, type: PeriodType, settings: PeriodSettings): Period {
  const { timeZone, fiscalYearStartMonth: fs } = settings
  if (!Number.isInteger(fs) || fs < 1 || fs > 12) throw new RangeError(`fiscalYearStartMonth must be 1–12, got ${fs}`)
  if (!isLocalDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`)
  let startDate: LocalDate
  let endDate: LocalDate
  let label: string
  switch (type) {
    case 'day':
      startDate = date
      endDate = addDays(date, 1)
      label = date
      break
    case 'week': {
      startDate = isoWeekMonday(date)
      endDate = addDays(startDate, 7)
      const w = isoWeek(date)
      label = `${w.year}-W${String(w.week).padStart(2, '0')}`
      break
    }
    case 'month':
      startDate = `${date.slice(0, 7)}-01`
      endDate = addMonths(startDate, 1)
      label = date.slice(0, 7)
      break
    case 'quarter': {
      const fy = fiscalYearStart(date, fs)
      const monthsIn = (dateParts(date).month - fs + 12) % 12
      const q = Math.floor(monthsIn / 3)
      startDate = addMonths(fy, q * 3)
      endDate = addMonths(startDate, 3)
      label = fs === 1 ? `${dateParts(fy).year}-Q${q + 1}` : `${fiscalYearLabel(fy, fs)} Q${q + 1}`
      break
    }
    case 'year': {
      startDate = fiscalYearStart(date, fs)
      endDate = addMonths(startDate, 12)
      label = fiscalYearLabel(startDate, fs)
      break
    }
  }
  return { type, label, ...spanFromDates(startDate, endDate, timeZone) }
}

/** The period of `type` containing an instant (its local date in the organisation's zone). */
export function periodOfInstant(instant: Instant, type: PeriodType, settings: PeriodSettings): Period {
  return periodContaining(localDateOf(instant, settings.timeZone), type, settings)
}

/** The period of the same type that starts where `period` ends. */
export function nextPeriod(period: Period, settings: PeriodSettings): Period {
  return periodContaining(period.endDate, period.type, settings)
}

/** The period of the same type that ends where `period` starts. */
export function previousPeriod(period: Period, settings: PeriodSettings): Period {
  return periodContaining(addDays(period.startDate, -1), period.type, settings)
}

/**
 * The same period one year earlier: the same date (29 February → 28 February), the same ISO week number
 * (week 53 → week 52 when the earlier ISO year has only 52 weeks), the same month, fiscal quarter or year.
 */
export function samePeriodLastYear(period: Period, settings: PeriodSettings): Period {
  if (period.type === 'week') {
    const { year, week } = isoWeek(period.startDate)
    const w = Math.min(week, isoWeeksInYear(year - 1))
    return periodContaining(isoWeekStart(year - 1, w), 'week', settings)
  }
  return periodContaining(addMonths(period.startDate, -12), period.type, settings)
}

/** The `n` periods ending with `period`, oldest first (for trend charts). */
export function trendPeriods(period: Period, n: number, settings: PeriodSettings): Period[] {
  const out: Period[] = [period]
  while (out.length < n) out.unshift(previousPeriod(out[0]!, settings))
  return out
}

/**
 * Year-to-date: from the start of the fiscal year containing `date` up to and including `date`.
 * Pass the last day of a period (or today, inside a running period).
 */
export function yearToDate(date: LocalDate, settings: PeriodSettings): Span {
  return spanFromDates(fiscalYearStart(date, settings.fiscalYearStartMonth), addDays(date, 1), settings.timeZone)
}

/**
 * Last year's year-to-date for a date: yearToDate of the same date one year earlier (29 February → 28
 * February), to compare "YTD vs last YTD".
 */
export function lastYearToDate(date: LocalDate, settings: PeriodSettings): Span {
  return yearToDate(addMonths(date, -12), settings)
}

/** True when `instant` lies in [span.start, span.end). */
export function contains(span: Span, instant: Instant): boolean {
  const t = instantMs(instant)
  return t >= instantMs(span.start) && t < instantMs(span.end)
}

/** True once `now` has reached the period's first instant: before that it has no figures to judge (not started). */
export function hasStarted(period: Span, now: Instant): boolean {
  return instantMs(now) >= instantMs(period.start)
}

/** True when `now` lies inside the period (it has started and not yet ended). */
export function isRunning(period: Span, now: Instant): boolean {
  return contains(period, now)
}
