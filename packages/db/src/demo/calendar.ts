// Calendar arithmetic on whole UTC day numbers (days since 1970-01-01): integer maths keeps generating millions of
// rows fast, and the only place the organisation's time zone matters — office hours — goes through localInstant.

export const DAY_MS = 86_400_000
export const HOUR_MS = 3_600_000

/** Day number (UTC) of an instant. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS)
}

/** Day number of a calendar date; `month` is 0-based like Date.UTC. */
export function dayFromDate(year: number, month: number, date: number): number {
  return Date.UTC(year, month, date) / DAY_MS
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export function isWeekend(day: number): boolean {
  const wd = weekday(day)
  return wd === 0 || wd === 6
}

function lastSundayOf(year: number, month: number): number {
  const last = dayFromDate(year, month + 1, 0)
  return last - weekday(last)
}

/**
 * UTC offset of Europe/Amsterdam in ms at an instant: CEST (+2 h) from the last Sunday of March 01:00 UTC to the
 * last Sunday of October 01:00 UTC, CET (+1 h) otherwise. The EU rule, hard-coded so generation needs no Intl call.
 */
export function amsterdamOffsetMs(ms: number): number {
  const year = new Date(ms).getUTCFullYear()
  const start = lastSundayOf(year, 2) * DAY_MS + HOUR_MS
  const end = lastSundayOf(year, 9) * DAY_MS + HOUR_MS
  return ms >= start && ms < end ? 2 * HOUR_MS : HOUR_MS
}

/** The instant at local (Amsterdam) clock time `hours` (fractional) on calendar day `day`. */
export function localInstant(day: number, hours: number): number {
  const naive = day * DAY_MS + hours * HOUR_MS
  return naive - amsterdamOffsetMs(naive - HOUR_MS)
}

/** Easter Sunday (anonymous Gregorian algorithm) as a day number. */
export function easterSunday(year: number): number {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const date = ((h + l - 7 * m + 114) % 31) + 1
  return dayFromDate(year, month - 1, date)
}

export interface HolidayDay {
  day: number
  name: string
}

/**
 * Dutch public holidays of a year as most employers observe them: Liberation Day only in lustrum years (a day off
 * under most collective agreements only then) and Good Friday left out (a working day for most offices).
 */
export function dutchHolidays(year: number): HolidayDay[] {
  const easter = easterSunday(year)
  const kingsDay = dayFromDate(year, 3, 27)
  const holidays: HolidayDay[] = [
    { day: dayFromDate(year, 0, 1), name: "New Year's Day" },
    { day: easter, name: 'Easter Sunday' },
    { day: easter + 1, name: 'Easter Monday' },
    // King's Day moves to the 26th when the 27th is a Sunday.
    { day: weekday(kingsDay) === 0 ? kingsDay - 1 : kingsDay, name: "King's Day" },
    { day: easter + 39, name: 'Ascension Day' },
    { day: easter + 49, name: 'Whit Sunday' },
    { day: easter + 50, name: 'Whit Monday' },
    { day: dayFromDate(year, 11, 25), name: 'Christmas Day' },
    { day: dayFromDate(year, 11, 26), name: 'Boxing Day' },
  ]
  if (year % 5 === 0) holidays.push({ day: dayFromDate(year, 4, 5), name: 'Liberation Day' })
  return holidays.sort((x, y) => x.day - y.day)
}

/**
 * Relative sales volume per calendar month (0 = January): the summer holidays and the December break are quiet,
 * spring and autumn busy. Averages ≈ 1 so a "per month" size stays the yearly mean.
 */
export const SEASONALITY: readonly number[] = [1.0, 1.05, 1.1, 1.05, 1.05, 1.0, 0.72, 0.66, 1.12, 1.15, 1.12, 0.78]
