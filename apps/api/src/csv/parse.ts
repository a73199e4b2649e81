import type { ImportFormat, ImportFormatOverride } from '@kpi/contract/import'
import { HttpError } from '../http-errors.ts'
import { CsvScanError, CsvScanner, CsvTooLongError, MAX_FIELD_CHARS, MAX_RECORD_CHARS, type ScanCaps } from './scan.ts'
import { NotUtf8Error, Utf8Decoder } from './utf8.ts'

/** Characters scanned per step. */
const SLICE = 64 * 1024

export type CsvRecord = { row: number; values: string[] }

/**
 * `;`, `,` or tab, whichever occurs most in the first line outside quotes: Excel in Dutch (and most of Europe)
 * writes `;` because `,` is the decimal separator; CRMs write `,`. Ties go to `,`.
 */
export function detectDelimiter(firstLine: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char in counts) counts[char]! += 1
  }
  return [';', '\t'].reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ',')
}

/**
 * Thrown when the bytes are not CSV at all (an unclosed quote) or a field or row is past its cap: the import stops
 * at that row. `field` (0-based) when the problem is one field's.
 */
export class CsvSyntaxError extends Error {
  readonly row: number
  readonly field: number | undefined

  constructor(row: number, message: string, field?: number) {
    super(message)
    this.row = row
    this.field = field
  }
}

/**
 * Streams a CSV: the header, then each data record with its 1-based data row number. Handles a UTF-8 BOM, CRLF
 * or LF, quoted fields with embedded delimiters, quotes and newlines; skips empty lines. Counts bytes and stops
 * with 413 past `maxBytes`, whatever the Content-Length said.
 */
export async function* readCsv(
  source: AsyncIterable<Buffer | string>,
  { maxBytes, ...caps }: { maxBytes: number; format?: ImportFormatOverride } & Partial<ScanCaps>,
): AsyncGenerator<{ header: string[]; format: ImportFormat } | CsvRecord> {
  const iterator = source[Symbol.asyncIterator]()
  // Buffer until the first line is complete, to choose the delimiter before parsing starts.
  const head: Buffer[] = []
  let bytes = 0
  let done = false
  while (!done) {
    const next = await iterator.next()
    if (next.done) done = true
    else {
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
      bytes += chunk.length
      if (bytes > maxBytes) throw tooLarge(maxBytes)
      head.push(chunk)
      if (chunk.includes(10)) break
    }
  }
  const start = Buffer.concat(head)
  // A first line past the record cap is refused by the scanner anyway: decode no more of it than that here.
  const firstLine =
    start
      .subarray(0, MAX_RECORD_CHARS)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  const delimiter = detectDelimiter(firstLine)
  const format: ImportFormat = {
    source: 'csv',
    encoding: 'utf-8',
    delimiter: delimiter === '\t' ? '\t' : (delimiter as ',' | ';'),
    decimal: '.',
    thousands: '',
    dateOrder: 'YMD',
    sheet: null,
    sheets: [],
    detected: ['delimiter'],
  }
  const scanner = new CsvScanner(delimiter, {
    maxFieldChars: caps.maxFieldChars ?? MAX_FIELD_CHARS,
    maxRecordChars: caps.maxRecordChars ?? MAX_RECORD_CHARS,
  })
  // Decodes across chunk boundaries (a character's bytes may be split between two chunks). At a byte that is not
  // UTF-8 the text before it is still scanned, to tell the row and column the bad byte is in; then reading stops.
  const decoder = new Utf8Decoder()
  let notUtf8: NotUtf8Error | undefined
  const decode = (chunk: Buffer, final: boolean): string => {
    try {
      return decoder.decode(chunk, final)
    } catch (error) {
      if (!(error instanceof NotUtf8Error)) throw error
      notUtf8 = error
      return error.before
    }
  }

  let row = 0 // 0 while reading the header, then the 1-based data row
  try {
    let text = decode(start, done)
    for (;;) {
      // A large chunk is scanned a slice at a time, so only a slice's records are held at once.
      for (let at = 0; at < text.length || (done && at === 0); at += SLICE) {
        const last = done && !notUtf8 && at + SLICE >= text.length
        for (const values of scanner.push(text.slice(at, at + SLICE), last)) {
          if (row === 0) yield { header: values.map((h) => h.trim()), format }
          else yield { row, values }
          row += 1
        }
      }
      if (notUtf8) {
        const { record, field } = scanner.position
        throw new CsvSyntaxError(record, notUtf8.message, field)
      }
      if (done) break
      const next = await iterator.next()
      if (next.done) {
        done = true
        text = decode(Buffer.alloc(0), true)
        continue
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
      bytes += chunk.length
      if (bytes > maxBytes) throw tooLarge(maxBytes)
      text = decode(chunk, false)
    }
  } catch (error) {
    if (error instanceof CsvTooLongError) throw new CsvSyntaxError(error.record, error.message, error.field)
    if (error instanceof CsvScanError) throw new CsvSyntaxError(error.record, `not valid CSV: ${error.message}`)
    throw error
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError('payload_too_large', `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`)
}
