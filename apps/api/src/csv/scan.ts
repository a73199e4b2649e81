// A CSV scanner over decoded text, record by record: the grammar csv-parse reads with our options (one-character
// delimiter, `"` quotes with `""` escapes, record delimiter discovered from the first line break outside quotes —
// CRLF, LF or CR — empty lines skipped, any number of fields per record, a UTF-8 BOM at the start dropped).
// Written for speed: csv-parse decodes and copies every field byte by byte and was a third of the import's Node
// time. scan.test.ts checks it against csv-parse on generated input.

const QUOTE = 34
const CR = 13
const LF = 10

/** The text is not CSV: `row` is the spreadsheet row (1 = the first line) of the record where reading stopped. */
export class CsvScanError extends Error {
  readonly row: number

  constructor(row: number, message: string) {
    super(message)
    this.row = row
  }
}

/** A field or record past its cap: `field` is the 0-based field where reading stopped. */
export class CsvTooLongError extends CsvScanError {
  readonly field: number

  constructor(row: number, field: number, message: string) {
    super(row, message)
    this.field = field
  }
}

/**
 * No cell of a CRM export comes near these; a file that does is not data we can show or store, and reading it
 * whole would hold it all in memory (issue 14, F2). Characters (UTF-16 units), which is bytes for ASCII text.
 */
export const MAX_FIELD_CHARS = 1024 * 1024
export const MAX_RECORD_CHARS = 4 * 1024 * 1024
export type ScanCaps = { maxFieldChars: number; maxRecordChars: number }

/** Returned by the field readers when the text ends before they can decide: wait for the next chunk. */
const MORE = -1

export class CsvScanner {
  private readonly delimiter: number
  private text = ''
  private started = false
  /** '' until the first line break outside quotes tells which one this file uses. */
  private recordDelimiter: '' | '\r\n' | '\n' | '\r' = ''
  /** Records emitted so far, the header included. */
  private records = 0
  /** Empty lines skipped so far: they are rows in a spreadsheet, so they count for the row numbers. */
  private emptyLines = 0
  /** The row numbers of the records the current push returns, when the caller asked for them. */
  private rowsOut: number[] | undefined

  private readonly caps: ScanCaps

  constructor(
    delimiter: string,
    caps: ScanCaps = { maxFieldChars: MAX_FIELD_CHARS, maxRecordChars: MAX_RECORD_CHARS },
  ) {
    this.delimiter = delimiter.charCodeAt(0)
    this.caps = caps
  }

  /**
   * Appends `chunk` and returns every record it completes; with `final`, also the last one (a file need not end
   * with a line break). Throws CsvScanError on a quote that is never closed or is followed by anything but a
   * delimiter or line break, and on a quote inside an unquoted field. `rows`, when given, receives each returned
   * record's spreadsheet row (1-based; empty lines count, a record with line breaks in quotes is one row).
   */
  push(chunk: string, final: boolean, rows?: number[]): string[][] {
    this.rowsOut = rows
    let text = this.text.length === 0 ? chunk : this.text + chunk
    if (!this.started) {
      if (text.length === 0 && !final) return []
      this.started = true
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    const out: string[][] = []
    let pos = 0
    for (;;) {
      const end = this.record(text, pos, final, out)
      if (end === MORE) break
      this.resume = undefined
      pos = end
      if (pos >= text.length) break
    }
    // Keep only the text not yet read into the resume point: the unfinished field (unquoted: from its start; quoted:
    // from where scanning stopped, the rest is in `value`). Keeping the whole unfinished record instead made every
    // step re-join and flatten it, and a long field kept a slice of each copy alive: memory grew with its square.
    const resume = this.resume
    const keep = resume ? (resume.quoted === true ? resume.scanned : resume.field) : pos
    this.text = text.slice(keep)
    if (resume) {
      resume.field -= keep
      resume.scanned -= keep
    }
    return out
  }

  /** Where reading is: the spreadsheet row (1-based) and the 0-based field the text pushed so far ends in. */
  get position(): { row: number; field: number } {
    return { row: this.row, field: this.resume?.fields.length ?? 0 }
  }

  /** The spreadsheet row of the record being read. */
  private get row(): number {
    return this.records + this.emptyLines + 1
  }

  /** Where an unfinished record stopped, so the next chunk continues it instead of scanning it again. */
  private resume:
    | { fields: string[]; done: number; field: number; quoted: boolean | undefined; value: string; scanned: number }
    | undefined

  /**
   * Reads one record (or an empty line) starting at `start`, or continues the unfinished one; pushes it to `out`
   * and returns where the next one starts, or MORE when the text ends first and more may come.
   */
  private record(text: string, start: number, final: boolean, out: string[][]): number {
    const n = text.length
    const resume = this.resume
    this.resume = undefined
    const fields: string[] = resume?.fields ?? []
    let pos = resume?.field ?? start
    // Characters in the record's finished fields, for the record cap.
    let done = resume?.done ?? 0
    const check = (length: number) => {
      if (length > this.caps.maxFieldChars)
        throw new CsvTooLongError(this.row, fields.length, `field longer than ${mb(this.caps.maxFieldChars)}`)
      if (done + length > this.caps.maxRecordChars)
        throw new CsvTooLongError(this.row, fields.length, `row longer than ${mb(this.caps.maxRecordChars)}`)
    }
    const more = (quoted: boolean | undefined, value: string, scanned: number) => {
      check(quoted === false ? scanned - pos : value.length)
      this.resume = { fields, done, field: pos, quoted, value, scanned }
      return MORE
    }
    for (;;) {
      // A field starts at pos.
      if (pos >= n) {
        if (!final) return more(undefined, '', pos) // the field has not begun: quoted or not is unknown
        // End of input: a last line without a line break. `a,` ends with an empty field; an empty text is nothing.
        if (fields.length > 0) {
          fields.push('')
          this.emit(out, fields)
        }
        return n
      }
      let value: string
      const quoted = (resume?.field === pos ? resume.quoted : undefined) ?? text.charCodeAt(pos) === QUOTE
      if (quoted) {
        const resumed = resume?.field === pos && resume.quoted === true ? resume : undefined
        let from = resumed?.scanned ?? pos + 1
        value = resumed?.value ?? ''
        for (;;) {
          const q = text.indexOf('"', from)
          if (q === -1 || (q + 1 >= n && !final)) {
            if (!final) return more(true, value + text.slice(from, q === -1 ? n : q), q === -1 ? n : q)
            throw new CsvScanError(this.row, 'Quote Not Closed: the file ends inside a quoted field')
          }
          value += text.slice(from, q)
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += '"'
            from = q + 2
            continue
          }
          from = q + 1
          break
        }
        // After the closing quote: the end, a delimiter or a line break, nothing else.
        if (from < n) {
          const c = text.charCodeAt(from)
          if (c !== this.delimiter) {
            const breakLength = this.lineBreakAt(text, from, final)
            // The closing quote is seen again on the next chunk: continue just before it.
            if (breakLength === MORE) return more(true, value, from - 1)
            if (breakLength === 0)
              throw new CsvScanError(
                this.row,
                `Invalid Closing Quote: got "${text[from]}" instead of a delimiter or line break`,
              )
          }
        }
        pos = from
      } else {
        // Unquoted: up to the delimiter or the line break.
        let i = resume?.field === pos && resume.quoted === false ? resume.scanned : pos
        for (;;) {
          if (i >= n) {
            if (!final) return more(false, '', i)
            break
          }
          const c = text.charCodeAt(i)
          if (c === this.delimiter) break
          if (c === CR || c === LF) {
            const breakLength = this.lineBreakAt(text, i, final)
            if (breakLength === MORE) return more(false, '', i)
            if (breakLength > 0) break
          } else if (c === QUOTE) {
            throw new CsvScanError(
              this.row,
              `Invalid Opening Quote: a quote inside the unquoted field "${text.slice(pos, i)}"`,
            )
          }
          i += 1
        }
        value = text.slice(pos, i)
        pos = i
      }
      check(value.length)
      done += value.length
      // pos is at the end, a delimiter or a line break.
      if (pos >= n) {
        // Only reached when final.
        fields.push(value)
        this.emit(out, fields)
        return n
      }
      if (text.charCodeAt(pos) === this.delimiter) {
        fields.push(value)
        pos += 1
        continue
      }
      const breakLength = this.lineBreakAt(text, pos, final)
      if (fields.length === 0 && value === '' && !quoted) {
        this.emptyLines += 1
        return pos + breakLength // an empty line
      }
      fields.push(value)
      this.emit(out, fields)
      return pos + breakLength
    }
  }

  /**
   * The length of the line break at `pos` (0 if there is none), learning the file's record delimiter from the
   * first one; MORE when a CR ends the text and the next chunk may hold its LF.
   */
  private lineBreakAt(text: string, pos: number, final: boolean): number {
    const c = text.charCodeAt(pos)
    if (this.recordDelimiter === '') {
      if (c === LF) this.recordDelimiter = '\n'
      else if (c === CR) {
        if (pos + 1 >= text.length && !final) return MORE
        this.recordDelimiter = text.charCodeAt(pos + 1) === LF ? '\r\n' : '\r'
      } else return 0
    }
    switch (this.recordDelimiter) {
      case '\n':
        return c === LF ? 1 : 0
      case '\r':
        return c === CR ? 1 : 0
      default:
        if (c !== CR) return 0
        if (pos + 1 >= text.length) return final ? 0 : MORE
        return text.charCodeAt(pos + 1) === LF ? 2 : 0
    }
  }

  private emit(out: string[][], fields: string[]): void {
    out.push(fields)
    this.rowsOut?.push(this.row)
    this.records += 1
  }
}

const mb = (chars: number) => `${Math.round(chars / 1024 / 1024)} MB`
