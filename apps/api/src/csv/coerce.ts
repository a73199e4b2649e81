import type { FieldKind } from '../records/entity.ts'
import { unescapeFormula } from './formula.ts'

const TRUE = new Set(['true', 'yes', 'y', '1', 'ja', 'j', 'x'])
const FALSE = new Set(['false', 'no', 'n', '0', 'nee'])

/**
 * A CSV cell → the value the field's zod schema expects. Empty means absent. Only unambiguous conversions:
 * anything else is passed on as text so the schema reports it against the column.
 *   int/score: "42", "7.5", "7,5" (a decimal comma from a Dutch Excel) → number;
 *   money: "1234,56" → "1234.56" (the decimal comma again; thousands separators are refused, they are ambiguous);
 *   bool: true/false, yes/no, ja/nee, 1/0;
 *   enum: "New business" → "NEW_BUSINESS" (CRM exports use labels);
 *   text: the `'` our own export put in front (formula-injection guard, formula.ts) is taken off again.
 */
export function coerceCell(kind: FieldKind | 'ref', raw: string | undefined): unknown {
  if (raw === undefined) return undefined
  const text = raw.trim()
  if (text === '') return undefined
  switch (kind) {
    case 'int':
    case 'score':
      return /^-?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : text
    case 'money':
      return /^\d+,\d{1,2}$/.test(text) ? text.replace(',', '.') : text
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
