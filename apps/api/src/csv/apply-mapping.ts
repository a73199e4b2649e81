import { coerceCell, ISO_VALUES } from './coerce.ts'
import type { ValueFormat } from './formats.ts'
import type { ImportField, Importer } from './importer.ts'
import type { Mapping, Plan } from './mapping.ts'

/** Per enum, number or yes/no field: each distinct value that fit none of its values → the rows it is in. */
export const MAX_UNMATCHED_VALUES = 100

type Target = {
  field: string
  kind: ImportField['kind']
  /** Their value → ours: exact first, then `loose` (case and spaces ignored). */
  exact?: Map<string, string>
  loose?: Map<string, string>
  /** The default's value, already read, for a blank cell. */
  fallback?: unknown
  allowed?: Set<string>
}

/** Kinds whose cells are read into something else than text: a cell still text after reading did not fit. */
const READ_KINDS = new Set<ImportField['kind']>(['int', 'score', 'bool'])

const loosen = (value: string) => value.toLowerCase().replace(/\s+/g, '')

/** A cell that fits none of an enum's values: the row's error names it. */
export type Mismatch = { field: string; value: string; allowed: readonly string[] }

/**
 * The mapping compiled for one file: everything that can be worked out once (which cell fills which fields,
 * translations, constants and defaults already read) is, so each row costs a loop over its cells. Numbers and
 * dates — cells, constants and defaults alike — are read in the file's `format` (ISO dates always read).
 */
export function compileMapping(importer: Importer, mapping: Mapping, plan: Plan, format: ValueFormat = ISO_VALUES) {
  const byName = new Map(importer.fields.map((f) => [f.name, f]))
  const target = (name: string): Target => {
    const field = byName.get(name)!
    const values = mapping.values.get(name)
    const fallback = mapping.defaults.get(name)
    return {
      field: name,
      kind: field.kind,
      ...(values ? { exact: values, loose: new Map([...values].map(([k, v]) => [loosen(k), v])) } : {}),
      ...(fallback !== undefined ? { fallback: coerceCell(field.kind, fallback, format) } : {}),
      // Only enums: kpiKey's allowed list is for the wizard, and its own message is shorter than 40 keys.
      ...(field.allowed && field.kind === 'enum' ? { allowed: new Set(field.allowed) } : {}),
    }
  }
  const cells = plan.cells.map(({ index, fields }) => ({ index, targets: fields.map(target) }))
  const filled = new Set(plan.cells.flatMap((c) => c.fields))
  // Constants, and defaults of fields no column fills (every cell of theirs is blank), are the same in each row.
  const fixed: [string, unknown][] = [
    ...[...mapping.constants].map(([name, text]): [string, unknown] => [
      name,
      coerceCell(byName.get(name)!.kind, text, format),
    ]),
    ...[...mapping.defaults]
      .filter(([name]) => !filled.has(name) && !mapping.constants.has(name))
      .map(([name, text]): [string, unknown] => [name, coerceCell(byName.get(name)!.kind, text, format)]),
  ]
  const unmatched = new Map<string, Map<string, number>>()
  // One column filling both: a CRM's "Close Date", expected while the deal is open, actual once it closed.
  const closeDate = plan.cells.some((c) => c.fields.includes('closedAt') && c.fields.includes('expectedCloseAt'))

  return {
    /** The fields every row gets, whatever its cells (for the required-column check). */
    fixedFields: new Set(fixed.map(([name]) => name)),
    unmatched,
    /** One row's cells → the values its schema reads; enum values that fit nothing are reported in `mismatches`. */
    read(values: string[], mismatches: Mismatch[]): Record<string, unknown> {
      const data: Record<string, unknown> = {}
      for (const { index, targets } of cells) {
        const raw = values[index] ?? ''
        for (const t of targets) {
          let text = raw
          if (t.exact) text = t.exact.get(raw) ?? t.exact.get(raw.trim()) ?? t.loose!.get(loosen(raw)) ?? raw
          // Blank is unknown (absent), never 0: only the mapping's default fills it.
          if (text.trim() === '') {
            if (t.fallback !== undefined) data[t.field] = t.fallback
            continue
          }
          const value = coerceCell(t.kind, text, format)
          if (t.allowed && typeof value === 'string' && !t.allowed.has(value)) {
            const shown = text.trim()
            mismatches.push({ field: t.field, value: shown, allowed: [...t.allowed] })
            count(unmatched, t.field, shown)
          }
          // A word where a number or yes/no belongs ("Won" as a probability) is offered for translation too.
          if (READ_KINDS.has(t.kind) && typeof value === 'string') count(unmatched, t.field, text.trim())
          data[t.field] = value
        }
      }
      for (const [name, value] of fixed) data[name] = value
      if (closeDate && (data['status'] ?? 'OPEN') === 'OPEN') delete data['closedAt']
      return data
    },
  }
}

function count(unmatched: Map<string, Map<string, number>>, field: string, value: string) {
  let values = unmatched.get(field)
  if (!values) unmatched.set(field, (values = new Map()))
  const rows = values.get(value)
  if (rows !== undefined) values.set(value, rows + 1)
  else if (values.size < MAX_UNMATCHED_VALUES) values.set(value, 1)
}

/** The report's `unmatched`: per field, most frequent first. */
export function unmatchedReport(unmatched: Map<string, Map<string, number>>) {
  return Object.fromEntries(
    [...unmatched].map(([field, values]) => [
      field,
      [...values]
        .map(([value, rows]) => ({ value, rows }))
        .sort((a, b) => b.rows - a.rows || (a.value < b.value ? -1 : 1)),
    ]),
  )
}
