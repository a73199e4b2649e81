/**
 * Calendar dates without a time zone: 'YYYY-MM-DD' strings (LocalDate) and their arithmetic. Computed on
 * UTC day numbers, where every day has exactly 24 hours, so DST never shifts a date.
 *
 * Exports: LocalDate, isLocalDate, dayNumber, fromDayNumber, addDays, addMonths, daysBetween, isoWeekday,
 * isoWeek, isoWeekMonday, isoWeeksInYear, daysInMonth, dateParts, localDate, utcMs.
 */

/** A calendar date 'YYYY-MM-DD' (proleptic Gregorian, years 1000–9999). */
export type LocalDate = string

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

export function dateParts(date: LocalDate): { year: number; month: number; day: number } {
  const m = DATE.exec(date)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`)
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
}

/** True for a real calendar date such as '2024-02-29' (and false for '2023-02-29'). */
export function isLocalDate(text: string): boolean {
  if (!DATE.test(text)) return false
  const { year, month, day } = dateParts(text)
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** 'YYYY-MM-DD' with the year in four digits (year 999 is '0999-…', never '999-…'). */
export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Milliseconds since 1970 of a UTC midnight. Not Date.UTC, which reads years 0–99 as 1900–1999. */
export function utcMs(year: number, month: number, day: number): number {
  return new Date(0).setUTCFullYear(year, month - 1, day)
}

/** Days since 1970-01-01. */
export function dayNumber(date: LocalDate): number {
  const { year, month, day } = dateParts(date)
  return utcMs(year, month, day) / DAY_MS
}

export function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days)
}

/** b − a in days. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a)
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate()
}

/** Adds months keeping the day, clamped to the month's last day (2024-02-29 + 12 months = 2025-02-28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = dateParts(date)
  const index = year * 12 + (month - 1) + months
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  const d = Math.min(day, daysInMonth(y, m))
  return localDate(y, m, d)
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1
}

export function isoWeekMonday(date: LocalDate): LocalDate {
  return addDays(date, 1 - isoWeekday(date))
}

/** ISO 8601 week-numbering year and week (the week containing the year's first Thursday is week 1). */
export function isoWeek(date: LocalDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date))
  const year = dateParts(thursday).year
  const week = Math.floor(daysBetween(localDate(year, 1, 1), thursday) / 7) + 1
  return { year, week }
}

/** 52 or 53. */
export function isoWeeksInYear(year: number): number {
  return isoWeek(localDate(year, 12, 28)).week
}

/** Monday of ISO week `week` of ISO year `year`. */
export function isoWeekStart(year: number, week: number): LocalDate {
  // 4 January is always in week 1.
  return addDays(isoWeekMonday(localDate(year, 1, 4)), (week - 1) * 7)
}
