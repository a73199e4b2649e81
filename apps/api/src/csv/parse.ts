import { parse, type CsvError } from 'csv-parse'
import { HttpError } from '../http-errors.ts'

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

/** Thrown when the bytes are not CSV at all (an unclosed quote): the import stops at that row. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Streams a CSV: the header, then each data record with its 1-based data row number. Handles a UTF-8 BOM, CRLF
 * or LF, quoted fields with embedded delimiters, quotes and newlines; skips empty lines. Counts bytes and stops
 * with 413 past `maxBytes`, whatever the Content-Length said.
 */
export async function* readCsv(
  source: AsyncIterable<Buffer | string>,
  { maxBytes }: { maxBytes: number },
): AsyncGenerator<{ header: string[] } | CsvRecord> {
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
  const firstLine =
    start
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  const parser = parse({
    delimiter: detectDelimiter(firstLine),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  })

  // Feed the parser from the source while we read records from it; backpressure comes from the parser's buffer.
  const feeding = (async () => {
    try {
      if (!parser.write(start)) await drained(parser)
      while (!done && !parser.destroyed) {
        const next = await iterator.next()
        if (next.done) break
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
        bytes += chunk.length
        if (bytes > maxBytes) throw tooLarge(maxBytes)
        if (!parser.write(chunk)) await drained(parser)
      }
      if (!parser.destroyed) parser.end()
    } catch (error) {
      parser.destroy(error as Error)
    }
  })()

  let row = 0 // 0 while reading the header, then the 1-based data row
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      if (row === 0) yield { header: values.map((h) => h.trim()) }
      else yield { row, values }
      row += 1
    }
  } catch (error) {
    if (error instanceof HttpError) throw error
    const csvError = error as CsvError
    if (typeof csvError.code === 'string' && csvError.code.startsWith('CSV_'))
      throw new CsvSyntaxError(row, csvError.message)
    throw error
  } finally {
    // The reader stopped early (an error, or it had seen enough): stop feeding, so nothing waits for a drain.
    if (!parser.readableEnded) parser.destroy()
    await feeding
  }
}

function drained(parser: ReturnType<typeof parse>): Promise<void> {
  if (parser.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done)
      parser.off('close', done)
      resolve()
    }
    parser.once('drain', done)
    parser.once('close', done)
  })
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError('payload_too_large', `the file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`)
}
