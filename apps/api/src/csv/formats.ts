import type { ImportFormat } from '@kpi/contract/import'

// How numbers and dates are written in a file, guessed from its cells and overridable by the mapping's `format`.
// Column-agnostic: every cell of the first records votes; only unambiguous spellings vote (1.234 and 03/04/2026
// could be either way and say nothing).

export type NumberFormat = Pick<ImportFormat, 'decimal' | 'thousands'>
export type DateOrder = ImportFormat['dateOrder']
export type ValueFormat = NumberFormat & { dateOrder: DateOrder }

/** Records sniffed before the header is handed on (the rest of the file is read with what they decided). */
export const SNIFF_RECORDS = 1000

const SPACES = /[ \u00A0\u202F]/g
// 4.500,00 · 1.234.567 · 1 234,5 · 12,5 · 1234,56 → decimal comma. 4,500.00 · 1,234,567 · 12.5 → decimal point.
const COMMA_DECIMAL = [/^-?\d{1,3}(\.\d{3})+,\d+$/, /^-?\d{1,3}(\.\d{3}){2,}$/, /^-?\d+,(\d{1,2}|\d{4,})$/]
const POINT_DECIMAL = [/^-?\d{1,3}(,\d{3})+\.\d+$/, /^-?\d{1,3}(,\d{3}){2,}$/, /^-?\d+\.(\d{1,2}|\d{4,})$/]
const SPACED = /^-?\d{1,3}( \d{3})+([.,]\d+)?$/
// d-m-y or m-d-y with -, / or . and a four-digit year, optionally a time (24 h, or 12 h with AM/PM).
const DAY_MONTH = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

type Votes = { comma: number; point: number; spaced: number; dmy: number; mdy: number; iso: number }

/** Tallies the spellings of one record's cells. */
export function voteFormat(votes: Votes, values: readonly string[]): void {
  for (const raw of values) {
    const cell = raw.trim()
    if (cell.length === 0 || cell.length > 30) continue
    const first = cell.charCodeAt(0)
    if (!(first >= 48 && first <= 57) && first !== 45) continue // neither a digit nor '-'
    const text = cell.replace(SPACES, ' ')
    if (COMMA_DECIMAL.some((r) => r.test(text))) votes.comma += 1
    else if (POINT_DECIMAL.some((r) => r.test(text))) votes.point += 1
    else if (SPACED.test(text)) votes.spaced += 1
    const date = DAY_MONTH.exec(text)
    if (date) {
      if (Number(date[1]) > 12) votes.dmy += 1
      else if (Number(date[3]) > 12) votes.mdy += 1
    } else if (ISO.test(text)) votes.iso += 1
  }
}

export const noVotes = (): Votes => ({ comma: 0, point: 0, spaced: 0, dmy: 0, mdy: 0, iso: 0 })

/**
 * What the votes decide, under the mapping's overrides. Undecided: a `;` file is European (decimal comma, day
 * first), any other decimal point and month first for `/` dates — what Excel writes in those locales. Only ISO
 * dates seen: YMD. The thousands separator is the other of `.` and `,` unless amounts are grouped with spaces.
 */
export function decideFormat(votes: Votes, delimiter: string, override: Partial<ValueFormat> = {}): ValueFormat {
  const european = delimiter === ';'
  const decimal =
    override.decimal ?? (votes.comma !== votes.point ? (votes.comma > votes.point ? ',' : '.') : european ? ',' : '.')
  const thousands = override.thousands ?? (votes.spaced > 0 ? ' ' : decimal === ',' ? '.' : ',')
  const dateOrder =
    override.dateOrder ??
    (votes.dmy !== votes.mdy
      ? votes.dmy > votes.mdy
        ? 'DMY'
        : 'MDY'
      : votes.iso > 0 && votes.dmy === 0
        ? 'YMD'
        : european
          ? 'DMY'
          : 'MDY')
  return { decimal, thousands, dateOrder }
}

const numberPatterns = new Map<string, { simple: RegExp; grouped: RegExp | null }>()

function patternsFor({ decimal, thousands }: NumberFormat) {
  const key = decimal + thousands
  let patterns = numberPatterns.get(key)
  if (!patterns) {
    const d = decimal === '.' ? '\\.' : ','
    const g = thousands === '.' ? '\\.' : thousands
    patterns = {
      simple: new RegExp(`^-?\\d+(${d}\\d+)?$`),
      grouped: thousands === '' ? null : new RegExp(`^-?\\d{1,3}(${g}\\d{3})+(${d}\\d+)?$`),
    }
    numberPatterns.set(key, patterns)
  }
  return patterns
}

/**
 * A number as the file writes it → plain `1234.5` text, or undefined when it is not one in this format
 * (`4.500,00` with decimal `,` → "4500.00"; a space thousands separator may also be a no-break space).
 */
export function readNumber(text: string, format: NumberFormat): string | undefined {
  const { simple, grouped } = patternsFor(format)
  const t = format.thousands === ' ' ? text.replace(SPACES, ' ') : text
  let plain: string
  if (simple.test(t)) plain = t
  else if (grouped?.test(t)) plain = t.split(format.thousands).join('')
  else return undefined
  return format.decimal === ',' ? plain.replace(',', '.') : plain
}

const pad = (n: string) => n.padStart(2, '0')

/**
 * A date as the file writes it → `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss` (no offset: local time in the
 * organisation's zone) when it has a time; undefined when it is not a date in this order. ISO is always read.
 */
export function readDate(text: string, dateOrder: DateOrder): string | undefined {
  const iso = ISO.exec(text)
  if (iso) {
    const [, y, m, d, h, min, s] = iso
    return h === undefined ? `${y}-${m}-${d}` : `${y}-${m}-${d}T${h}:${min}:${s ?? '00'}`
  }
  const local = dateOrder === 'YMD' ? null : DAY_MONTH.exec(text)
  if (!local) return undefined
  const [, a = '', , b = '', y, h, min, s, half] = local
  const [d, m] = dateOrder === 'DMY' ? [a, b] : [b, a]
  const date = `${y}-${pad(m)}-${pad(d)}`
  if (h === undefined) return date
  let hour = Number(h)
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return undefined
    hour = (hour % 12) + (half.toLowerCase() === 'pm' ? 12 : 0)
  }
  return `${date}T${pad(String(hour))}:${min}:${s ?? '00'}`
}
