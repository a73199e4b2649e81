import type { ImportFormat, ImportFormatOverride } from '@kpi/contract/import'
import { HttpError } from '../http-errors.ts'
import { detectEncoding, TextDecodingError, textDecoding } from './encoding.ts'
import { decideFormat, noVotes, SNIFF_RECORDS, voteFormat } from './formats.ts'
import { CsvScanError, CsvScanner, CsvTooLongError, MAX_FIELD_CHARS, MAX_RECORD_CHARS, type ScanCaps } from './scan.ts'
import { NotUtf8Error } from './utf8.ts'
import { isZip, readXlsx, XlsxError } from './xlsx.ts'

/** Characters scanned per step. */
const SLICE = 64 * 1024
/** Bytes looked at to choose the encoding and the delimiter (more if the first line is longer). */
const HEAD_BYTES = 64 * 1024

/** A data record and its spreadsheet row (the header is row 1, the first data row 2; empty rows count). */
export type CsvRecord = { row: number; values: string[] }
export type ReadItem = { header: string[]; format: ImportFormat } | CsvRecord
export type ReadOptions = { maxBytes: number; format?: ImportFormatOverride } & Partial<ScanCaps>

/**
 * `;`, `,` or tab, whichever occurs most in the first line outside quotes: Excel in Dutch (and most of Europe)
 * writes `;` because `,` is the decimal separator; CRMs write `,`. Ties go to `,`.
 */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 }
  let quoted = false
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted
    else if (!quoted && char in counts) counts[char]! += 1
  }
  return ([';', '\t'] as const).reduce<',' | ';' | '\t'>((best, d) => (counts[d]! > counts[best]! ? d : best), ',')
}

/**
 * Thrown when the bytes are not CSV at all (an unclosed quote), a field or row is past its cap, or the bytes are
 * not text in the encoding: the import stops at that spreadsheet row (0: the file). `field` (0-based) when the
 * problem is one field's.
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

/** The upload's bytes, counted: 413 past `maxBytes`, whatever the Content-Length said. */
class Bytes {
  private readonly iterator: AsyncIterator<Buffer | string>
  private readonly maxBytes: number
  private count = 0
  done = false

  constructor(source: AsyncIterable<Buffer | string>, maxBytes: number) {
    this.iterator = source[Symbol.asyncIterator]()
    this.maxBytes = maxBytes
  }

  /** The next chunk, or undefined at the end. */
  async next(): Promise<Buffer | undefined> {
    if (this.done) return undefined
    const next = await this.iterator.next()
    if (next.done) {
      this.done = true
      return undefined
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    this.count += chunk.length
    if (this.count > this.maxBytes)
      throw new HttpError('payload_too_large', `the file is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB`)
    return chunk
  }

  /** At least `size` bytes (and the first line break), or all there are. */
  async head(size: number): Promise<Buffer> {
    const chunks: Buffer[] = []
    let length = 0
    for (;;) {
      const chunk = await this.next()
      if (!chunk) break
      chunks.push(chunk)
      length += chunk.length
      if (length >= size && chunk.includes(10)) break
    }
    return Buffer.concat(chunks)
  }
}

/**
 * Streams a CSV or an .xlsx (told apart by the first bytes): the header with the format the file is read in
 * (detected, `format` overriding), then each data record with its spreadsheet row. See the README for what is
 * detected. The header comes after the first SNIFF_RECORDS records have been read: they decide the format.
 */
export async function* readRecords(
  source: AsyncIterable<Buffer | string>,
  { maxBytes, format: override = {}, ...caps }: ReadOptions,
): AsyncGenerator<ReadItem> {
  const bytes = new Bytes(source, maxBytes)
  const head = await bytes.head(HEAD_BYTES)
  if (isZip(head)) yield* readWorkbook(bytes, head, override)
  else yield* readCsv(bytes, head, override, caps)
}

async function* readWorkbook(bytes: Bytes, head: Buffer, override: ImportFormatOverride): AsyncGenerator<ReadItem> {
  const chunks = [head]
  for (let chunk = await bytes.next(); chunk; chunk = await bytes.next()) chunks.push(chunk)
  let workbook
  try {
    workbook = await readXlsx(Buffer.concat(chunks), override.sheet)
  } catch (error) {
    if (error instanceof XlsxError) throw new CsvSyntaxError(0, error.message)
    throw error
  }
  const { sheets, sheet, header, records } = workbook
  if (header.length === 0) return
  const format: ImportFormat = {
    source: 'xlsx',
    encoding: null,
    delimiter: null,
    // Cells hold numbers and dates, not their spelling; text cells are read as ISO unless overridden.
    decimal: override.decimal ?? '.',
    thousands: override.thousands ?? '',
    dateOrder: override.dateOrder ?? 'YMD',
    sheet,
    sheets,
    detected: [],
  }
  yield { header, format }
  yield* records
}

const MEMBERS = ['encoding', 'delimiter', 'decimal', 'thousands', 'dateOrder'] as const

async function* readCsv(
  bytes: Bytes,
  head: Buffer,
  override: ImportFormatOverride,
  caps: Partial<ScanCaps>,
): AsyncGenerator<ReadItem> {
  const encoding = override.encoding ?? detectEncoding(head.subarray(0, HEAD_BYTES))
  const decoder = textDecoding(encoding)
  // At bytes the encoding cannot read, the text before them is still scanned, to tell the row and column the bad
  // byte is in; then reading stops.
  let undecodable: Error | undefined
  const decode = (chunk: Buffer, final: boolean): string => {
    try {
      return decoder.decode(chunk, final)
    } catch (error) {
      if (!(error instanceof NotUtf8Error || error instanceof TextDecodingError)) throw error
      undecodable = error
      return error.before
    }
  }
  let text = decode(head, bytes.done)
  // A first line past the record cap is refused by the scanner anyway: look at no more of it than that here.
  const firstLine =
    text
      .slice(0, MAX_RECORD_CHARS)
      .replace(/^\uFEFF/, '')
      .split(/\r\n|\n|\r/, 1)[0] ?? ''
  const delimiter = override.delimiter ?? detectDelimiter(firstLine)
  const scanner = new CsvScanner(delimiter, {
    maxFieldChars: caps.maxFieldChars ?? MAX_FIELD_CHARS,
    maxRecordChars: caps.maxRecordChars ?? MAX_RECORD_CHARS,
  })

  let header: string[] | undefined
  // The first records wait here while they vote on the number and date format.
  let sniffed: CsvRecord[] | undefined = []
  const votes = noVotes()
  function* release(): Generator<ReadItem> {
    if (header === undefined || sniffed === undefined) return
    const format: ImportFormat = {
      source: 'csv',
      encoding,
      delimiter,
      ...decideFormat(votes, delimiter, override),
      sheet: null,
      sheets: [],
      detected: MEMBERS.filter((m) => override[m] === undefined),
    }
    yield { header, format }
    yield* sniffed
    sniffed = undefined
  }

  const rows: number[] = []
  try {
    for (;;) {
      // A large chunk is scanned a slice at a time, so only a slice's records are held at once.
      for (let at = 0; at < text.length || (bytes.done && at === 0); at += SLICE) {
        const last = bytes.done && !undecodable && at + SLICE >= text.length
        rows.length = 0
        const records = scanner.push(text.slice(at, at + SLICE), last, rows)
        for (let i = 0; i < records.length; i++) {
          const values = records[i]!
          if (header === undefined) {
            header = values.map((h) => h.trim())
            continue
          }
          // A row of empty cells (Excel writes `;;;` for a blank row) is a blank row: skipped, still counted.
          if (values[0] === '' && values.every((v) => v === '')) continue
          if (sniffed) {
            sniffed.push({ row: rows[i]!, values })
            voteFormat(votes, values)
            if (sniffed.length >= SNIFF_RECORDS) yield* release()
          } else yield { row: rows[i]!, values }
        }
      }
      if (undecodable) {
        yield* release()
        const { row, field } = scanner.position
        throw new CsvSyntaxError(row, undecodable.message, field)
      }
      if (bytes.done) break
      const chunk = await bytes.next()
      text = decode(chunk ?? Buffer.alloc(0), chunk === undefined)
    }
    yield* release()
  } catch (error) {
    if (error instanceof CsvTooLongError || error instanceof CsvScanError) {
      yield* release()
      const message = error instanceof CsvTooLongError ? error.message : `not valid CSV: ${error.message}`
      throw new CsvSyntaxError(error.row, message, error instanceof CsvTooLongError ? error.field : undefined)
    }
    throw error
  }
}
