import { suggestMapping } from './column-match.ts'
import type { ImportField, ImportFormatOverride, ImportMapping } from '@kpi/contract/import'

/**
 * The mapping as the wizard edits it: every header with the fields it fills ([] = ignored), and per field a
 * constant, a default and value translations. `toImportMapping` turns it into the API's extended form.
 */
export type WizardMapping = {
  columns: Record<string, string[]>
  constants: Record<string, string>
  defaults: Record<string, string>
  values: Record<string, Record<string, string>>
  format: ImportFormatOverride
}

export const emptyMapping = (): WizardMapping => ({ columns: {}, constants: {}, defaults: {}, values: {}, format: {} })

const nonEmpty = <T extends object>(record: T): T | undefined => (Object.keys(record).length > 0 ? record : undefined)

/** The extended form the API reads; empty sections are left out, one field is a string, none is null. */
export function toImportMapping(mapping: WizardMapping): ImportMapping {
  const columns = Object.fromEntries(
    Object.entries(mapping.columns)
      .map(([header, chosen]) => [chosen.filter((f) => f !== ''), header] as const)
      .map(([fields, header]) => [header, fields.length === 0 ? null : fields.length === 1 ? fields[0]! : fields]),
  )
  const sections = {
    columns: nonEmpty(columns),
    constants: nonEmpty(mapping.constants),
    defaults: nonEmpty(mapping.defaults),
    values: nonEmpty(mapping.values),
    format: nonEmpty(mapping.format),
  }
  return Object.fromEntries(Object.entries(sections).filter(([, v]) => v !== undefined)) as ImportMapping
}

/** Only the format: what the wizard sends to read a file's header before anything is mapped. */
export const formatOnly = (format: ImportFormatOverride): ImportMapping =>
  Object.keys(format).length > 0 ? { format } : {}

const asList = (target: string | string[] | null | undefined): string[] =>
  target === null || target === undefined ? [] : Array.isArray(target) ? target : [target]

/**
 * The mapping for a file's headers: a saved mapping or preset (`start`) decides for the headers it names, the
 * API's own match (`read`: header → field, from a dry run) next, then name similarity for the rest; each field is
 * suggested once. Constants, defaults and translations of fields this entity lacks are dropped.
 */
export function mappingForHeaders(options: {
  headers: readonly string[]
  fields: readonly ImportField[]
  read: Record<string, string | null>
  start: WizardMapping
}): WizardMapping {
  const { headers, fields, read, start } = options
  const known = new Set(fields.map((f) => f.name))
  const columns: Record<string, string[]> = {}
  for (const h of headers) if (h in start.columns) columns[h] = start.columns[h]!.filter((f) => known.has(f))
  const taken = new Set(Object.values(columns).flat())
  for (const h of headers) {
    const field = read[h]
    if (h in columns || !field || taken.has(field) || field in start.constants) continue
    columns[h] = [field]
    taken.add(field)
  }
  const rest = headers.filter((h) => !(h in columns))
  const suggested = suggestMapping(
    rest,
    fields.map((f) => f.name).filter((f) => !taken.has(f) && !(f in start.constants)),
  )
  for (const h of rest) columns[h] = asList(suggested[h])
  const keep = <V>(record: Record<string, V>) =>
    Object.fromEntries(Object.entries(record).filter(([f]) => known.has(f)))
  return {
    columns,
    constants: keep(start.constants),
    defaults: keep(start.defaults),
    values: keep(start.values),
    format: start.format,
  }
}

/** A saved mapping or preset as the wizard edits it (the API's short and extended forms both read). */
export function fromImportMapping(mapping: ImportMapping): WizardMapping {
  const known = new Set(['columns', 'constants', 'defaults', 'values', 'format'])
  const extended = Object.keys(mapping).some((k) => known.has(k))
  const columns = extended ? (mapping.columns ?? {}) : (mapping as Record<string, string | null>)
  return {
    columns: Object.fromEntries(Object.entries(columns).map(([h, target]) => [h, asList(target)])),
    constants: extended ? { ...mapping.constants } : {},
    defaults: extended ? { ...mapping.defaults } : {},
    values: extended ? { ...mapping.values } : {},
    format: extended ? { ...mapping.format } : {},
  }
}

/** Which fields something fills: a column, or a constant for every row. */
export function filledFields(mapping: WizardMapping): Set<string> {
  return new Set([...Object.values(mapping.columns).flat(), ...Object.keys(mapping.constants)].filter((f) => f !== ''))
}
