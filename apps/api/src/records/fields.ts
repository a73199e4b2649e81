import { z } from 'zod'
import { PlainText } from '../text.schema.ts'

// The value types records are made of, as zod schemas shared by the JSON API and the CSV import (which turns
// its strings into these shapes first, see csv/coerce.ts). Money is a decimal string all the way to numeric:
// it never passes through a JavaScript float.

const MONEY = /^\d{1,12}(\.\d{1,2})?$/
export const Money = z
  .string()
  .regex(MONEY, 'must be a decimal amount ≥ 0 with at most 2 decimals and at most 999,999,999,999.99')
  .describe('decimal string, e.g. "1234.50"')

const DATE = /^\d{4}-\d{2}-\d{2}$/
// Hours, minutes, seconds and offsets in range, so PostgreSQL never gets a time it refuses (a 500 mid-import).
const INSTANT = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-](0\d|1[0-4]):?[0-5]\d)$/

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** The YYYY-MM-DD at the start of `text` is a day of the calendar (no 2026-02-30); arithmetic, no Date. */
function isRealDate(text: string): boolean {
  const year = Number(text.slice(0, 4))
  const month = Number(text.slice(5, 7))
  const day = Number(text.slice(8, 10))
  if (month < 1 || month > 12 || day < 1) return false
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (month === 2 && !leap ? 28 : daysInMonth[month - 1]!)
}

/** An instant: ISO date-time with offset, or a bare date meaning the start of that day in the org's time zone. */
export const Instant = z
  .string()
  .refine(
    (text) => (DATE.test(text) || INSTANT.test(text)) && isRealDate(text),
    'must be an ISO date-time with offset (2026-03-01T09:30:00Z) or a date (2026-03-01)',
  )
  .describe('ISO-8601 date-time with offset, or YYYY-MM-DD (start of day in the organisation time zone)')

export const CalendarDate = z
  .string()
  .refine((text) => DATE.test(text) && isRealDate(text), 'must be a date YYYY-MM-DD')

export const Text = (max = 200) => PlainText.trim().min(1, 'must not be empty').max(max)
/** Free text that may be empty (notes, comments). */
export const LongText = (max = 4000) => PlainText.max(max)
export { Id } from '../id.schema.ts'
