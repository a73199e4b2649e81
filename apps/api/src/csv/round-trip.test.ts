import fc from 'fast-check'
import { expect, test } from 'vitest'
import { coerceCell } from './coerce.ts'
import { escapeFormula, unescapeFormula } from './formula.ts'
import { CsvScanner } from './scan.ts'
import { csvLine } from './write.ts'

// Issue 14, F14: what the export writes, the import must read back as the same text — the formula guard's `'`
// included — while anything a spreadsheet would run as a formula (after leading blanks too) is written inert.

const tricky = fc.constantFrom("'", "''=", ' =1', '\n=1', '\t', '\r', '=', '+', '-', '@', ' ', "'", 'a', ',', '"')
const text = fc.oneof(
  fc.string(),
  fc.array(tricky, { maxLength: 6 }).map((parts) => parts.join('')),
  fc.tuple(fc.array(tricky, { maxLength: 3 }), fc.string()).map(([parts, rest]) => parts.join('') + rest),
)

test('unescapeFormula undoes escapeFormula for every string', () => {
  fc.assert(
    fc.property(text, (value) => {
      expect(unescapeFormula(escapeFormula(value))).toBe(value)
    }),
    { numRuns: 20_000 },
  )
})

/** The export's cell for `value`, read back by the import's scanner and text coercion. */
function roundTrip(value: string): unknown {
  const [record] = new CsvScanner(',').push(csvLine([value, 'end']), true)
  return coerceCell('text', record![0])
}

test('export → import is the identity for every text that is not blank (blank reads as "no value")', () => {
  fc.assert(
    fc.property(text, (value) => {
      fc.pre(value.trim() !== '')
      expect(roundTrip(value)).toBe(value)
    }),
    { numRuns: 20_000 },
  )
})

test.each(["'=1", "''=x", "'", "'plain", ' =1', '\n=1', '  +1', '\t@x', '\r-1', '=1', "' =1"])(
  '%j survives export → import',
  (value) => {
    expect(roundTrip(value)).toBe(value)
  },
)

test('a spreadsheet sees no formula: after any leading blanks, the first character is never = + - @', () => {
  fc.assert(
    fc.property(text, (value) => {
      const [record] = new CsvScanner(',').push(csvLine([value, 'end']), true)
      expect(record![0]!.trimStart()).not.toMatch(/^[=+\-@]/)
    }),
    { numRuns: 20_000 },
  )
})
