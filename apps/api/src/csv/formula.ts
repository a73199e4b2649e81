// OWASP CSV injection: a spreadsheet runs a cell as a formula when its text starts with = + - @, also after
// leading blanks (it trims them), and some readers drop a leading tab or CR. The export writes such text with a
// leading `'`, which spreadsheets show as text; the import takes it off again. So that this is undone exactly
// (issue 14, F14), text that already starts with `'` gets one too: `'=1` → `''=1` → `'=1`.
const GUARDED = /^(\s*[=+\-@]|[\t\r'])/

/** The text as the export writes it: `'` in front of anything a spreadsheet could run (or a leading `'`). */
export function escapeFormula(text: string): string {
  return GUARDED.test(text) ? `'${text}` : text
}

/** The inverse of escapeFormula, for every text: `unescapeFormula(escapeFormula(t)) === t`. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && GUARDED.test(cell.slice(1)) ? cell.slice(1) : cell
}
