import { ImportFormatOverride, type ImportMapping } from '@kpi/contract/import'
import { HttpError } from '../http-errors.ts'
import type { Importer, ImportLocale } from './importer.ts'
import { requestMessages as say, type Message } from './messages.ts'

/**
 * The mapping as the import uses it: Maps all the way, never plain objects, because a column (or a value) may be
 * called `__proto__` or `constructor` (issue 14, F9). See the contract's `ImportMapping` for the language.
 */
export type Mapping = {
  /** Their column → the fields it fills ([] = ignored). */
  columns: Map<string, string[]>
  constants: Map<string, string>
  /** Per field: their value → ours, applied before the value is read. */
  values: Map<string, Map<string, string>>
  defaults: Map<string, string>
  format: ImportFormatOverride
  /** Where errors about a column point: `mapping.<col>` for the short form, `mapping.columns.<col>` else. */
  columnsPlace: string
}

export const emptyMapping = (): Mapping => ({
  columns: new Map(),
  constants: new Map(),
  values: new Map(),
  defaults: new Map(),
  format: {},
  columnsPlace: 'mapping.columns',
})

const EXTENDED = new Set(['columns', 'constants', 'values', 'defaults', 'format'])

/** A 400 naming the place, in the person's language (the import route's rule: Accept-Language, users.locale, en). */
const refuse = (locale: ImportLocale) => (message: Message, place: string) =>
  new HttpError('validation_failed', message[locale], place)
const isObject = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** The mapping's JSON text (query or form field `place`), in either form, or no mapping at all. */
export function parseMapping(text: string | undefined, place: string, locale: ImportLocale = 'en'): Mapping {
  if (text === undefined || text.trim() === '') return emptyMapping()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw refuse(locale)(say.notJson, place)
  }
  return readMapping(json, locale)
}

/**
 * A parsed JSON value → Mapping. The short form `{"Their column": "field" | null}` is the extended form's
 * `columns`; a JSON object is the extended form when all its keys are the extended form's and its values objects.
 */
export function readMapping(json: unknown, locale: ImportLocale = 'en'): Mapping {
  const invalid = refuse(locale)
  if (!isObject(json)) throw invalid(say.notObject, 'mapping')
  const entries = Object.entries(json)
  const extended = entries.length > 0 && entries.every(([key, value]) => EXTENDED.has(key) && isObject(value))
  const mapping = emptyMapping()
  if (!extended) {
    mapping.columnsPlace = 'mapping'
    readColumns(entries, mapping, 'mapping', locale)
    return mapping
  }
  for (const [key, value] of entries) {
    const inner = Object.entries(value as object)
    if (key === 'columns') readColumns(inner, mapping, 'mapping.columns', locale)
    if (key === 'constants' || key === 'defaults')
      for (const [field, text] of inner) mapping[key].set(field, textAt(text, `mapping.${key}.${field}`, locale))
    if (key === 'values')
      for (const [field, table] of inner) {
        if (!isObject(table)) throw invalid(say.notValueTable, `mapping.values.${field}`)
        const map = new Map<string, string>()
        for (const [theirs, ours] of Object.entries(table))
          map.set(theirs, textAt(ours, `mapping.values.${field}.${theirs}`, locale))
        mapping.values.set(field, map)
      }
    if (key === 'format') {
      const parsed = ImportFormatOverride.safeParse(value)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw invalid(formatIssue(issue), ['mapping.format', ...issue.path.map(String)].join('.'))
      }
      mapping.format = parsed.data
    }
  }
  return mapping
}

function readColumns(entries: [string, unknown][], mapping: Mapping, place: string, locale: ImportLocale) {
  for (const [column, target] of entries) {
    const fields = target === null || target === '' ? [] : Array.isArray(target) ? target : [target]
    if (!fields.every((f): f is string => typeof f === 'string' && f !== ''))
      throw refuse(locale)(say.notFields, `${place}.${column}`)
    mapping.columns.set(column, fields)
  }
}

function textAt(value: unknown, place: string, locale: ImportLocale): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw refuse(locale)(say.notText, place)
}

/** zod's issue about the `format` object as our sentence (its own messages are English only). */
function formatIssue(issue: { code: string; values?: readonly unknown[]; keys?: string[]; maximum?: unknown }) {
  if (issue.code === 'invalid_value' && issue.values) return say.oneOf(issue.values.map((v) => JSON.stringify(v)))
  if (issue.code === 'unrecognized_keys' && issue.keys)
    return say.unknownSettings(issue.keys, Object.keys(ImportFormatOverride.shape))
  if (issue.code === 'too_big') return say.tooLongText(Number(issue.maximum))
  return say.notText
}

/** The mapping back as JSON (saved mappings); the Maps' own keys become own properties. */
export function mappingJson(mapping: Mapping): ImportMapping {
  const object = <V>(map: Map<string, V>) => Object.fromEntries(map) as Record<string, V>
  const json: ImportMapping = {}
  if (mapping.columns.size > 0)
    json.columns = Object.fromEntries(
      [...mapping.columns].map(([c, f]) => [c, f.length === 0 ? null : f.length === 1 ? f[0]! : f]),
    )
  if (mapping.constants.size > 0) json.constants = object(mapping.constants)
  if (mapping.values.size > 0) json.values = Object.fromEntries([...mapping.values].map(([f, m]) => [f, object(m)]))
  if (mapping.defaults.size > 0) json.defaults = object(mapping.defaults)
  if (Object.keys(mapping.format).length > 0) json.format = mapping.format
  return json
}

/** Where each field's value comes from: a column of the file (its index) or the mapping's constant. */
export type Plan = {
  /** Per header index: the fields that column fills. */
  cells: { index: number; fields: string[] }[]
  /** Field → the column the person sees it as (for messages), or the constant's place. */
  sources: Map<string, string>
  /** Header → what it fills, for the report ("externalId, name"; null = ignored). */
  columns: [string, string | null][]
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '')

/**
 * Checks the mapping against the importer (and the file's header, when there is one) and says where each field
 * comes from. The mapping's own choices come first; a header that is one of our field names (up to case, spaces,
 * `_` and `-`) fills that field unless the mapping already fills it. 400 naming the place for an unknown field, a
 * column the file lacks, or a field filled twice.
 */
export function planMapping(
  importer: Importer,
  mapping: Mapping,
  header?: string[],
  locale: ImportLocale = 'en',
): Plan {
  const invalid = refuse(locale)
  const names = importer.fields.map((f) => f.name)
  const known = new Set(names)
  const noField = (field: string, place: string) => {
    if (!known.has(field)) throw invalid(say.unknownField(importer.entity, field, names), place)
  }
  const sources = new Map<string, Message>()
  const fill = (field: string, source: Message, place: string) => {
    const first = sources.get(field)
    if (first !== undefined) throw invalid(say.filledTwice(field, first, source), place)
    sources.set(field, source)
  }
  for (const [column, fields] of mapping.columns) {
    const place = `${mapping.columnsPlace}.${column}`
    if (header && !header.includes(column)) throw invalid(say.noColumn(column, header), place)
    for (const field of fields) {
      noField(field, place)
      fill(field, say.column(column), place)
    }
  }
  for (const field of mapping.constants.keys()) {
    noField(field, `mapping.constants.${field}`)
    fill(field, say.constant, `mapping.constants.${field}`)
  }
  for (const field of mapping.values.keys()) noField(field, `mapping.values.${field}`)
  for (const field of mapping.defaults.keys()) noField(field, `mapping.defaults.${field}`)

  const ours = new Map(importer.fields.map((f) => [squash(f.name), f.name]))
  // The mapping's own choices win over a header that merely looks like a field name.
  const explicit = new Set(sources.keys())
  const cells: Plan['cells'] = []
  const columns: Plan['columns'] = []
  const columnOf = new Map<string, string>()
  for (const [index, column] of (header ?? []).entries()) {
    const auto = ours.get(squash(column))
    const fields = mapping.columns.get(column) ?? (auto !== undefined && !explicit.has(auto) ? [auto] : [])
    const place = `${mapping.columnsPlace}.${column}`
    if (!mapping.columns.has(column)) for (const f of fields) fill(f, say.column(column), place)
    for (const f of fields) columnOf.set(f, column)
    if (fields.length > 0) cells.push({ index, fields })
    columns.push([column, fields.length === 0 ? null : fields.join(', ')])
  }
  for (const field of mapping.constants.keys()) columnOf.set(field, field)
  return { cells, sources: columnOf, columns }
}
