import { z } from 'zod'
import { PlainText } from '@kpi/contract/text'

// The value types records are made of, as zod schemas shared by the JSON API and the CSV import (which turns
// its strings into these shapes first, see csv/coerce.ts). Money is a decimal string all the way to numeric:
// it never passes through a JavaScript float.

const MONEY = /^\d{1,12}(\.\d{1,2})?$/
export const Money = z
  .string()
  .regex(MONEY, 'must be a decimal amount ≥ 0 with at most 2 decimals and at most 999,999,999,999.99')
  .describe('decimal string, e.g. "1234.50"')

export { CalendarDate, Instant } from '@kpi/contract/date'

export const Text = (max = 200) => PlainText.trim().min(1, 'must not be empty').max(max)
/** Free text that may be empty (notes, comments). */
export const LongText = (max = 4000) => PlainText.max(max)
export { Id } from '@kpi/contract/id'
