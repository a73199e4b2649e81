/**
 * Pre-fills the mapping step: each header of the file is matched to the import field whose name is most
 * similar, so "Deal amount", "deal_amount" and "amount" all land on `amount` without a click.
 */

/** Lower case, letters and digits only: "Closed At" and "closed_at" compare equal. */
export const normalize = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '')

/** The first line of a CSV as headers (quotes and doubled quotes handled; a BOM dropped). */
export function parseHeaderLine(text: string): string[] {
  const line = text.replace(/^\uFEFF/, '')
  const headers: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      headers.push(cell.trim())
      cell = ''
    } else if (ch === '\n' || ch === '\r') break
    else cell += ch
  }
  headers.push(cell.trim())
  return headers.filter((h) => h !== '')
}

/** Levenshtein distance, O(a·b): headers and field names are short. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = row
  }
  return prev[b.length]!
}

/**
 * Similarity in [0, 1]: 1 for equal normalized names, 0.9 when one contains the other ("dealamount" ⊃ "amount"),
 * else 1 − distance ÷ longer length.
 */
export function similarity(header: string, field: string): number {
  const a = normalize(header)
  const b = normalize(field)
  if (a === '' || b === '') return 0
  if (a === b) return 1
  if (a.includes(b) || b.includes(a)) return 0.9
  return 1 - distance(a, b) / Math.max(a.length, b.length)
}

/**
 * The best field per header, each field used at most once, best pairs first; a header whose best score is
 * below `min` (0.6) maps to null (ignored), so unrelated columns are not forced onto a field.
 */
export function suggestMapping(headers: readonly string[], fields: readonly string[], min = 0.6) {
  const pairs = headers.flatMap((h) => fields.map((f) => ({ h, f, score: similarity(h, f) })))
  pairs.sort((x, y) => y.score - x.score)
  const mapping: Record<string, string | null> = Object.fromEntries(headers.map((h) => [h, null]))
  const usedFields = new Set<string>()
  const doneHeaders = new Set<string>()
  for (const { h, f, score } of pairs) {
    if (score < min) break
    if (usedFields.has(f) || doneHeaders.has(h)) continue
    mapping[h] = f
    usedFields.add(f)
    doneHeaders.add(h)
  }
  return mapping
}
