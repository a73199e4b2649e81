/**
 * Time windows some KPIs read besides the period itself. The SQL layer and the in-memory reference both
 * take their bounds from here, so they cannot disagree.
 *
 * Like-for-like (SPEC 4, docs/decisions/0031): a ratio's numerator and denominator always cover equally
 * elapsed time. A span is "cut" when its figures stop before its period's natural end — a running period
 * at `now`, or a like-for-like comparison span (comparisons.ts) — and then every window below ends at that
 * cut, never at a future period end.
 *
 * Exports: figuresUntil, pipelineAsOf, closingWindow, conversionsUntil, nrrWindows, clvWindow, efficiencyWindow, costMonthsOf, CostMonth,
 * costShares, proRatedCents.
 */
import { addDays, addMonths, type LocalDate } from '../calendar.ts'
import { elapsedSpan } from '../comparisons.ts'
import { periodContaining, previousPeriod, type Period, type PeriodSettings, type Span } from '../periods.ts'
import { instantMs, localDateTimeOf, zonedInstant, type Instant } from '../time-zone.ts'

/** The instant a span's figures run to: its end, or `now` while it runs (its start before it has begun). */
export function figuresUntil(span: Span, now: Instant): Instant {
  const t = instantMs(now)
  if (t >= instantMs(span.end)) return span.end
  return t < instantMs(span.start) ? span.start : now
}

/** The instant the open pipeline is measured at: the period's end, or `now` while it is running. */
export function pipelineAsOf(period: Span, now: Instant): Instant {
  return instantMs(now) < instantMs(period.end) ? now : period.end
}

/**
 * Pipeline coverage: the deals expected to close in P's *whole* period, also when P is a like-for-like span cut
 * short. Coverage weighs the pipeline against the revenue still missing to the full target, so at 4 November
 * 09:00 it is the rest of November that the pipeline has to cover, not the four days already gone.
 */
export function closingWindow(span: Period, settings: PeriodSettings): Span {
  const whole = periodContaining(span.startDate, span.type, settings)
  return { ...span, end: whole.end, endDate: whole.endDate }
}

/**
 * Lead conversions (MQL → SQL, lead → opportunity) of a span's cohort count up to this instant. For a
 * like-for-like comparison span cut short, its cut: the leads of 1–4 November converted by 4 November 09:00,
 * as this month's cohort has had until now. Otherwise null: at any time (a cohort keeps converting).
 */
export function conversionsUntil(span: Period, now: Instant, settings: PeriodSettings): Instant | null {
  const whole = periodContaining(span.startDate, span.type, settings)
  return instantMs(span.end) < instantMs(whole.end) ? figuresUntil(span, now) : null
}

/** [start, until) as a span; its endDate is the first local date not begun by `until`. */
function spanUntil(start: Instant, startDate: LocalDate, until: Instant, timeZone: string): Span {
  const local = localDateTimeOf(until, timeZone)
  return { start, end: until, startDate, endDate: local.msOfDay === 0 ? local.date : addDays(local.date, 1) }
}

/**
 * NRR: the cohort is the customers acquired before the previous period started. A finished whole period is
 * compared with the whole previous period; a cut span (running, or a like-for-like comparison span) with the
 * same elapsed span of the previous period (comparisons.ts elapsedSpan: 4 December 09:00 → 1–4 November 09:00).
 */
export function nrrWindows(
  span: Period,
  now: Instant,
  settings: PeriodSettings,
): { cohortBefore: Instant; previous: Span } {
  const whole = periodContaining(span.startDate, span.type, settings)
  const previous = previousPeriod(whole, settings)
  const until = figuresUntil(span, now)
  const cut = instantMs(until) < instantMs(whole.end)
  return { cohortBefore: previous.start, previous: cut ? elapsedSpan(previous, whole, until, settings) : previous }
}

/**
 * CLV: the trailing 12 calendar months ending at pipelineAsOf (P's end, or `now` while P has not ended), so a
 * running period never counts future days as months without margin. Like the pipeline, CLV is a level
 * measured at one instant: customers active then.
 */
export function clvWindow(span: Span, now: Instant, settings: PeriodSettings): Span {
  const until = pipelineAsOf(span, now)
  const local = localDateTimeOf(until, settings.timeZone)
  const startDate = addMonths(local.date, -12)
  return spanUntil(zonedInstant(startDate, local.msOfDay, settings.timeZone), startDate, until, settings.timeZone)
}

/**
 * Labour efficiency: from the start of the 6th calendar month back from the month that contains P's last day
 * (for a week that spans two months, the later month) to where P's figures end. The last month's costs are
 * pro-rated to that end (costShares), so revenue and costs cover the same days.
 */
export function efficiencyWindow(span: Span, now: Instant, settings: PeriodSettings): Span {
  const lastDay = addDays(span.endDate, -1)
  const startDate = addMonths(`${lastDay.slice(0, 7)}-01`, -5)
  const start = zonedInstant(startDate, 0, settings.timeZone)
  return spanUntil(start, startDate, figuresUntil(span, now), settings.timeZone)
}

/** The cost months ('YYYY-MM-01') whose first day lies in [span.startDate, span.endDate). */
export function costMonthsOf(span: Span): LocalDate[] {
  const out: LocalDate[] = []
  let m = `${span.startDate.slice(0, 7)}-01`
  if (m < span.startDate) m = addMonths(m, 1)
  for (; m < span.endDate; m = addMonths(m, 1)) out.push(m)
  return out
}

/** A cost month of a span and the share of it the span's figures cover: elapsedMs of monthMs. */
export type CostMonth = { month: LocalDate; elapsedMs: number; monthMs: number }

/**
 * The cost months of `span` with their elapsed share. Costs are booked as whole-month amounts; a month the
 * figures stop inside (running at `now`, or cut by a like-for-like span or a window) counts for the share of
 * its calendar time that has elapsed: 4 December 09:00 → 3 days 9 hours of 31 days. Calendar time, not working
 * days: costs (salaries, rent, spend) accrue every day, and the comparison spans are cut by calendar time
 * too, so both sides of CAC stay on one clock (docs/decisions/0031).
 */
export function costShares(span: Span, now: Instant, timeZone: string): CostMonth[] {
  const until = instantMs(figuresUntil(span, now))
  return costMonthsOf(span).map((month) => {
    const start = instantMs(zonedInstant(month, 0, timeZone))
    const monthMs = instantMs(zonedInstant(addMonths(month, 1), 0, timeZone)) - start
    return { month, elapsedMs: Math.min(monthMs, Math.max(0, until - start)), monthMs }
  })
}

/**
 * cents × elapsedMs ÷ monthMs, rounded to whole cents half away from zero like PostgreSQL's round(numeric),
 * in exact integer arithmetic so the SQL and the reference agree to the cent.
 */
export function proRatedCents(cents: number, share: CostMonth): number {
  if (share.elapsedMs === share.monthMs) return cents
  const [magnitude, elapsed, month] = [BigInt(Math.abs(cents)), BigInt(share.elapsedMs), BigInt(share.monthMs)]
  const rounded = Number((2n * magnitude * elapsed + month) / (2n * month))
  return cents < 0 ? -rounded : rounded
}
