import ExcelJS from 'exceljs'
import type { CsvRecord } from './parse.ts'

/** `PK\x03\x04`: a zip archive, which is what an .xlsx is. */
export const isZip = (head: Buffer) => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04

/** The workbook could not be read, or has no such sheet: a row-0 error. */
export class XlsxError extends Error {}

export type XlsxRecords = { sheets: string[]; sheet: string; header: string[]; records: Iterable<CsvRecord> }

/**
 * The records of one worksheet (the first, or `sheet`) of an .xlsx, as the strings a CSV of it would hold, each
 * with its spreadsheet row number; empty rows are skipped but counted (row numbers are Excel's). The header is
 * the first row that has a value.
 */
export async function readXlsx(bytes: Buffer, sheet: string | undefined): Promise<XlsxRecords> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  } catch (error) {
    throw new XlsxError(`not a readable .xlsx file (${error instanceof Error ? error.message : String(error)})`)
  }
  const sheets = workbook.worksheets.map((w) => w.name)
  const worksheet = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet)
  if (!worksheet) {
    const list = sheets.map((s) => `"${s}"`).join(', ')
    throw new XlsxError(
      sheet === undefined ? 'the workbook has no worksheet' : `no sheet "${sheet}"; the file has ${list}`,
    )
  }
  const rows: { row: number; values: string[] }[] = []
  worksheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values: string[] = []
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value))
    if (values.some((v) => v.trim() !== '')) rows.push({ row: number, values })
  })
  const [first, ...data] = rows
  const header = (first?.values ?? []).map((h) => h.trim())
  const records = data.map(({ row, values }) => ({
    row,
    values:
      values.length < header.length ? [...values, ...Array<string>(header.length - values.length).fill('')] : values,
  }))
  return { sheets, sheet: worksheet.name, header, records }
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A cell's value as CSV text: numbers with a `.` decimal, dates as ISO (their wall-clock value), formulas' results. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  // Excel keeps 15 significant digits; beyond them are binary artefacts (0.1 + 0.2 = 0.30000000000000004).
  if (typeof value === 'number') return String(Number(value.toPrecision(15)))
  if (value instanceof Date) {
    // exceljs gives the wall-clock value as if it were UTC; a serial number's float may miss the second by a hair.
    value = new Date(Math.round(value.getTime() / 1000) * 1000)
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
    const [h, m, s] = [value.getUTCHours(), value.getUTCMinutes(), value.getUTCSeconds()]
    return h === 0 && m === 0 && s === 0 ? date : `${date}T${pad(h)}:${pad(m)}:${pad(s)}`
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue)
  if ('error' in value) return value.error
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null)
  return ''
}
