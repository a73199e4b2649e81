import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { CsvScanError, CsvScanner } from './scan.ts'

// The scanner replaced csv-parse in the import for speed; csv-parse (with the options the import used) stays the
// reference for what a file means: same records for any text csv-parse reads, an error wherever it refuses.

function reference(text: string, delimiter: string): string[][] | 'error' {
  try {
    return parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][]
  } catch {
    return 'error'
  }
}

/** `text` fed in pieces cut at `cuts` (any character position, even between CR and LF). */
function scan(text: string, delimiter: string, cuts: number[] = []): string[][] | 'error' {
  const scanner = new CsvScanner(delimiter)
  const records: string[][] = []
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
  let from = 0
  try {
    for (const point of points) {
      records.push(...scanner.push(text.slice(from, point), false))
      from = point
    }
    records.push(...scanner.push(text.slice(from), true))
    return records
  } catch (error) {
    if (error instanceof CsvScanError) return 'error'
    throw error
  }
}

const csvText = fc
  .array(fc.constantFrom('a', 'b', 'é', ' ', ',', ';', '\t', '"', '"', '\r', '\n', '\r\n', '\uFEFF'), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''))

/** Mostly well-formed files: quoted fields with quotes, delimiters and line breaks inside. */
const wellFormed = fc
  .tuple(
    fc.array(
      fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a"b', 'x,y', 'l1\nl2', 'c\r\nd', '')), {
        minLength: 1,
        maxLength: 4,
      }),
      { maxLength: 6 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([rows, eol, bom, trailing]) => {
    const cell = (v: string) => (/[",\r\n]|^$/.test(v) && !/^\s*$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
    const body = rows.map((r) => r.map(cell).join(',')).join(eol)
    return (bom ? '\uFEFF' : '') + body + (trailing ? eol : '')
  })

describe('CsvScanner reads what csv-parse reads', () => {
  test('random text, any delimiter, fed in random pieces', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(',', ';', '\t'), fc.array(fc.nat(), { maxLength: 5 }), (text, d, cuts) => {
        expect(scan(text, d, cuts)).toEqual(reference(text, d))
      }),
      { numRuns: 5000 },
    )
  })

  test('well-formed files with quoted delimiters, quotes and line breaks', () => {
    fc.assert(
      fc.property(wellFormed, fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
        const expected = reference(text, ',')
        expect(scan(text, ',', cuts)).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  test('examples', () => {
    expect(scan('a,b\r\n"x ""y""",\r\n\r\nz,"1\n2"', ',')).toEqual([
      ['a', 'b'],
      ['x "y"', ''],
      ['z', '1\n2'],
    ])
    expect(scan('\uFEFFa;b\n1;2\n', ';', [1, 4, 5])).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ])
    expect(scan('a\n"open', ',')).toBe('error')
    expect(scan('a\n"x"y', ',')).toBe('error')
    expect(scan('a\nx"y', ',')).toBe('error')
  })

  test('an error names the spreadsheet row it is in (1 = the header line), empty lines counted', () => {
    const scanner = new CsvScanner(',')
    expect(() => scanner.push('h1,h2\n1,2\n\n3,"4"x\n', true)).toThrow(
      expect.objectContaining({ row: 4 }) as unknown as Error,
    )
  })

  test("row numbers are the spreadsheet's: empty lines count, a quoted line break stays in its row", () => {
    const scanner = new CsvScanner(';')
    const rows: number[] = []
    const records = scanner.push('h1;h2\r\n\r\na;"two\r\nlines"\r\nb;c\r\n\r\n\r\nd;e', false, rows)
    records.push(...scanner.push('\r\n', true, rows))
    // header 1, empty 2, a 3 (its cell spans two lines of text, one row), b 4, empty 5 and 6, d 7
    expect(rows).toEqual([1, 3, 4, 7])
    expect(records.map((r) => r[0])).toEqual(['h1', 'a', 'b', 'd'])
  })
})

describe('caps per field and per record (issue 14, F2)', () => {
  const MB = 1024 * 1024
  /** `text` pushed in 64 KiB pieces, as readCsv does; the records, or the error that stopped it. */
  function pieces(text: string): string[][] | CsvScanError {
    const scanner = new CsvScanner(',')
    const records: string[][] = []
    try {
      for (let at = 0; at < text.length; at += 64 * 1024)
        records.push(...scanner.push(text.slice(at, at + 64 * 1024), at + 64 * 1024 >= text.length))
      return records
    } catch (error) {
      if (error instanceof CsvScanError) return error
      throw error
    }
  }

  test.each([
    { quoted: true, chars: MB, ok: true },
    { quoted: true, chars: MB + 1, ok: false },
    { quoted: false, chars: MB, ok: true },
    { quoted: false, chars: MB + 1, ok: false },
  ])('a field of $chars characters (quoted: $quoted) → ok: $ok', ({ quoted, chars, ok }) => {
    const big = 'x'.repeat(chars)
    const result = pieces(`a,b\r\n1,${quoted ? `"${big}"` : big}\r\n2,3\r\n`)
    if (ok)
      expect(result).toEqual([
        ['a', 'b'],
        ['1', big],
        ['2', '3'],
      ])
    else expect(result).toMatchObject({ row: 2, field: 1, message: 'field longer than 1 MB' })
  })

  test('a record longer than 4 MB stops at the field that crosses the line', () => {
    const field = 'y'.repeat(900 * 1024)
    const result = pieces(`a,b,c,d,e,f\r\n${Array(6).fill(`"${field}"`).join(',')}\r\n`)
    expect(result).toMatchObject({ row: 2, field: 4, message: 'row longer than 4 MB' })
  })
})
