/** Excel needs the BOM to read UTF-8 (otherwise "Café" arrives as "CafÃ©"). */
export const UTF8_BOM = '\uFEFF'

// OWASP CSV injection: a spreadsheet runs a cell that starts with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV cell: null/undefined → empty; a text starting with = + - @ tab or CR gets a leading `'` so a
 * spreadsheet shows it instead of running it; quoted when it holds `,` `;` `"` or a line break, so the file
 * reads right whichever delimiter Excel assumes. Numbers are written as they are (a negative amount is data,
 * not a formula, and the prefix would break re-import).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  let text = String(value)
  if (FORMULA_START.test(text)) text = `'${text}`
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
