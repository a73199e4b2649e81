import ExcelJS from 'exceljs'

/**
 * An .xlsx as Excel writes it, built with exceljs (the library the API reads workbooks with): one worksheet per
 * entry, in order; cells keep their type (a number stays a number cell, a Date a date cell).
 */
export async function workbook(sheets: { name: string; rows: unknown[][] }[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  for (const { name, rows } of sheets) book.addWorksheet(name).addRows(rows)
  return Buffer.from(await book.xlsx.writeBuffer())
}
