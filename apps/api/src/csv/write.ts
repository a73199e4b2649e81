import { escapeFormula } from './formula.ts'

/** Excel needs the BOM to read UTF-8 (otherwise "Café" arrives as "CafÃ©"). */
export const UTF8_BOM = '\uFEFF'

/**
 * One CSV cell: null/undefined → empty; a text a spreadsheet could run as a formula gets a leading `'` (see
 * formula.ts); quoted when it holds `,` `;` `"` or a line break, so the file
 * reads right whichever delimiter Excel assumes. Numbers are written as they are (a negative amount is data,
 * not a formula, and the prefix would break re-import).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const text = escapeFormula(String(value))
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`
}
