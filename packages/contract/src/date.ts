import { z } from 'zod'

// Every date and instant the API or a CSV import accepts: years 1000–9999, checked by arithmetic (no Date.UTC,
// which reads years 0–99 as 1900–1999). Past these edges PostgreSQL takes the value but the rest does not:
// JavaScript prints year 10000 as "+010000", PostgreSQL's to_char as "10000", and neither imports back.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
// Hours, minutes, seconds and offsets in range, so PostgreSQL never gets a time it refuses (a 500 mid-import).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,6})?)?(Z|([+-])(0\d|1[0-4]):?([0-5]\d))?$/

const DAY_MS = 86_400_000

/** Milliseconds since 1970 of a real calendar day, else undefined (no 2026-02-30). */
function dayMs(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  if (day > [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!) return undefined
  return new Date(0).setUTCFullYear(year, month - 1, day)
}

/** The same for a YYYY-MM-DD in the years 1000–9999. */
function dateMs(text: string): number | undefined {
  const m = DATE.exec(text)
  return m && Number(m[1]) >= 1000 ? dayMs(Number(m[1]), Number(m[2]), Number(m[3])) : undefined
}

// An instant's UTC value must fit in what the export writes back: from the first moment of year 1000 anywhere
// on Earth (its midnight at UTC+14, so a bare 1000-01-01 fits in every zone) to the end of 9999 in UTC (so
// 9999-12-31T23:59:59-14:00, which is 10000-01-01 in UTC, is refused).
const FIRST_INSTANT_MS = dayMs(1000, 1, 1)! - 14 * 3_600_000
const LAST_INSTANT_MS = dayMs(9999, 12, 31)! + DAY_MS - 1

function instantMs(text: string): number | undefined {
  // A bare date: its midnight in any zone (UTC−12 … UTC+14) lies within the bounds below.
  if (DATE.test(text)) return dateMs(text)
  const m = DATE_TIME.exec(text)
  if (!m) return undefined
  // Not dateMs: 1000-01-01T00:00+14:00 exports as 0999-12-31T10:00:00.000Z, which must import back.
  const day = dayMs(Number(m[1]), Number(m[2]), Number(m[3]))
  if (day === undefined) return undefined
  const time = ((Number(m[4]) * 60 + Number(m[5])) * 60 + Number(m[6] ?? 0)) * 1000 + Number(m[7] ?? 0) * 1000
  // No offset: the organisation's local time (an import's "2026-03-15 14:30"), somewhere from UTC−12 to UTC+14.
  if (m[8] === undefined) return day + time + 12 * 3_600_000 <= LAST_INSTANT_MS ? day + time : undefined
  const offset = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) * 60_000
  const ms = day + time - offset
  return ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS ? ms : undefined
}

/** A calendar date YYYY-MM-DD in years 1000–9999 (holidays, cost months, list bounds). */
export const CalendarDate = z
  .string()
  .refine((text) => dateMs(text) !== undefined, 'must be a date YYYY-MM-DD in the years 1000–9999')
  .meta({ format: 'date' })

/**
 * A date naming a period (the dashboard's `date=`, a target's periodStart): 1000-01-01 … 9899-12-31. From it the
 * server computes the period, 12-period trends and last year's period (at most 14 years back, still ≥ year 985,
 * which Date handles), the period's end and copy-forward's 24 following periods (at most 26 years ahead): the
 * century short of 9999 keeps every one of those in four-digit years, with room for longer trends later.
 */
export const PeriodDate = z
  .string()
  .refine((text) => {
    const ms = dateMs(text)
    return ms !== undefined && text <= '9899-12-31'
  }, 'must be a date YYYY-MM-DD from 1000-01-01 to 9899-12-31')
  .meta({ format: 'date' })

/**
 * An instant: ISO date-time with offset; a date-time without one, meaning that wall-clock time in the org's time
 * zone; or a bare date meaning the start of that day there.
 */
export const Instant = z
  .string()
  .refine(
    (text) => instantMs(text) !== undefined,
    'must be an ISO date-time (2026-03-01T09:30:00Z, or 2026-03-01T09:30:00 in the organisation time zone) or a date (2026-03-01), in the years 1000–9999',
  )
  .meta({ format: 'date-time' })
  .describe(
    'ISO-8601 date-time (without offset: in the organisation time zone), or YYYY-MM-DD (start of that day there)',
  )
