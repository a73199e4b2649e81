import type { FieldKind } from '../records/entity.ts'
import { unescapeFormula } from './formula.ts'
import { readDate, readNumber, type ValueFormat } from './formats.ts'

const TRUE = new Set(['true', 'yes', 'y', '1', 'ja', 'j', 'x'])
const FALSE = new Set(['false', 'no', 'n', '0', 'nee'])

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/

/** ISO numbers and dates: what a file with no format of its own (our export, an .xlsx) holds. */
export const ISO_VALUES: ValueFormat = { decimal: '.', thousands: '', dateOrder: 'YMD' }

/**
 * A cell → the value the field's zod schema expects. Empty means absent. Numbers and dates are read in the file's
 * format (formats.ts); anything that does not read is passed on as text so the schema reports it against the column.
 *   int/score: "42", "7,5" with decimal comma → number;  money: "4.500,00" → "4500.00";
 *   date: "15-03-2026" (DMY) → "2026-03-15" (a midnight time is dropped);
 *   instant: "03/15/2026 2:30 PM" (MDY) → "2026-03-15T14:30:00", local time in the organisation's zone;
 *   bool: true/false, yes/no, ja/nee, 1/0;  enum: "New business" → "NEW_BUSINESS" (CRM exports use labels);
 *   text: the `'` our own export put in front (formula-injection guard, formula.ts) is taken off again.
 */
export function coerceCell(
  kind: FieldKind | 'ref',
  raw: string | undefined,
  format: ValueFormat = ISO_VALUES,
): unknown {
  if (raw === undefined) return undefined
  const text = raw.trim()
  if (text === '') return undefined
  switch (kind) {
    case 'int':
    case 'score': {
      const number = readNumber(text, format)
      return number === undefined ? text : Number(number)
    }
    case 'money':
      return readNumber(text, format) ?? text
    case 'date': {
      if (ISO_DATE.test(text)) return text
      const date = readDate(text, format.dateOrder)
      return date === undefined ? text : date.endsWith('T00:00:00') ? date.slice(0, 10) : date
    }
    case 'instant':
      // ISO dates and instants with an offset (Z, +01:00) are unambiguous: passed on as they are, without a copy.
      return ISO_DATE.test(text) || ISO_INSTANT.test(text) ? text : (readDate(text, format.dateOrder) ?? text)
    case 'bool': {
      const lower = text.toLowerCase()
      return TRUE.has(lower) ? true : FALSE.has(lower) ? false : text
    }
    case 'enum':
      return text.toUpperCase().replace(/[\s-]+/g, '_')
    case 'text':
    case 'ref':
      return kind === 'ref' ? unescapeFormula(raw).trim() : unescapeFormula(raw)
    default:
      return text
  }
}
