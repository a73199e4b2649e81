import { z } from 'zod'

/** What an import can fill: the record tables, the targets, and the organisation's products, people and teams. */
export const IMPORT_ENTITIES = [
  'leads',
  'deals',
  'customers',
  'activities',
  'costs',
  'surveys',
  'targets',
  'products',
  'users',
  'teams',
] as const
export type ImportEntity = (typeof IMPORT_ENTITIES)[number]

export const ImportParams = z.object({ entity: z.enum(IMPORT_ENTITIES) })

export const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .describe('true (the default): check and preview only; false: write all rows or none'),
  mapping: z
    .string()
    .optional()
    .describe(
      'JSON ImportMapping: {"Their column": "ourField"} or the extended form {columns, constants, values, defaults, ' +
        'format}; for text/csv bodies (multipart sends a `mapping` field before the file)',
    ),
})

/** How the bytes of a file are read. Every member is detected from the file and may be overridden. */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export const IMPORT_DELIMITERS = [',', ';', '\t'] as const
export const IMPORT_DECIMALS = ['.', ','] as const
/** The thousands separator of amounts: none, `.`, `,`, a space (also a no-break space) or `'`. */
export const IMPORT_THOUSANDS = ['', '.', ',', ' ', "'"] as const
/** The order of day, month and year in dates like 15-03-2026 or 03/15/2026 (ISO 2026-03-15 is always read). */
export const IMPORT_DATE_ORDERS = ['YMD', 'DMY', 'MDY'] as const

export const ImportFormatOverride = z
  .object({
    encoding: z.enum(IMPORT_ENCODINGS),
    delimiter: z.enum(IMPORT_DELIMITERS),
    decimal: z.enum(IMPORT_DECIMALS),
    thousands: z.enum(IMPORT_THOUSANDS),
    dateOrder: z.enum(IMPORT_DATE_ORDERS),
    sheet: z.string().max(200).describe('.xlsx: the worksheet to read (default: the first)'),
  })
  .partial()
  .strict()
export type ImportFormatOverride = z.infer<typeof ImportFormatOverride>

/** The format the file was read with: what was detected, with the mapping's `format` on top. */
export const ImportFormat = z.object({
  source: z.enum(['csv', 'xlsx']),
  encoding: z.enum(IMPORT_ENCODINGS).nullable().describe('null for .xlsx'),
  delimiter: z.enum(IMPORT_DELIMITERS).nullable().describe('null for .xlsx'),
  decimal: z.enum(IMPORT_DECIMALS),
  thousands: z.enum(IMPORT_THOUSANDS),
  dateOrder: z.enum(IMPORT_DATE_ORDERS),
  sheet: z.string().nullable().describe('.xlsx: the worksheet read'),
  sheets: z.array(z.string()).describe('.xlsx: every worksheet of the file, in order; [] for CSV'),
  /** Which members were detected from the file (the others came from the mapping's `format`). */
  detected: z.array(z.enum(['encoding', 'delimiter', 'decimal', 'thousands', 'dateOrder'])),
})
export type ImportFormat = z.infer<typeof ImportFormat>

/** A plain CSV as our own export writes it (UTF-8, commas, ISO numbers and dates): the format until a file says more. */
export const PLAIN_CSV_FORMAT: ImportFormat = {
  source: 'csv',
  encoding: 'utf-8',
  delimiter: ',',
  decimal: '.',
  thousands: '',
  dateOrder: 'YMD',
  sheet: null,
  sheets: [],
  detected: [],
}

/**
 * The extended mapping. `columns`: their column → one of our fields, several (one column fills two fields), or
 * null (ignored); a header that is one of our field names needs no entry. `constants`: a field's value for every
 * row (no column needed). `values`: per field, their value → ours (`{"status": {"Engaging": "OPEN"}}`), applied
 * before the value is read. `defaults`: a field's value where its cell is empty (a blank cell is otherwise
 * unknown, never 0). `format`: overrides of what was detected.
 * The short form `{"Their column": "ourField" | null}` means `{columns: {…}}`.
 * The API reads the JSON into Maps itself (a column may be called `__proto__`); this schema documents the shape.
 */
export const ImportMapping = z.object({
  columns: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])).optional(),
  constants: z.record(z.string(), z.string()).optional(),
  values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  defaults: z.record(z.string(), z.string()).optional(),
  format: ImportFormatOverride.optional(),
})
export type ImportMapping = z.infer<typeof ImportMapping>

export const ImportErrorItem = z.object({
  row: z
    .number()
    .int()
    .describe("the spreadsheet's row: the header is row 1, the first data row 2 (0: the file or its mapping)"),
  column: z.string().describe('the header as it is in the file'),
  /** The cell as it is in the file, when the message is about one. */
  value: z.string().optional(),
  message: z.string().describe("in the person's language (Accept-Language: en or nl): column, value, what fits"),
})
export type ImportErrorItem = z.infer<typeof ImportErrorItem>

/**
 * header → field or null. Not z.record: it rebuilds the object with `result[key] = …`, which drops a header named
 * `__proto__` (issue 14, F9); this passes the report's own object through and documents the same shape.
 */
const Columns = z
  .custom<Record<string, string | null>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      Object.values(value).every((field) => field === null || typeof field === 'string'),
  )
  .meta({ type: 'object', additionalProperties: { type: ['string', 'null'] } })

/** Records of other kinds an import creates on the way, by kind: `{ teams: 2 }` for teams named in a users file. */
const Created = z
  .record(z.string(), z.number().int())
  .describe('records of other kinds created on the way (dry run: that will be), e.g. {"teams": 2}')

/** Rows that repeat an earlier row of the file exactly, read once (users and teams: a manager once per agent). */
const Repeated = z.number().int().describe('rows that repeat an earlier row exactly (users, teams), read once')

export const ImportReport = z.object({
  entity: z.string(),
  rows: z.number().int(),
  repeated: Repeated,
  valid: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ImportErrorItem),
  preview: z.array(z.record(z.string(), z.unknown())),
  columns: Columns.describe('each header of the file → the field it fills, or null when it is ignored'),
  format: ImportFormat,
  /**
   * Per field with allowed values (enums): each distinct value of the file that fits none of them, with the number
   * of rows it is in (most frequent first) — the wizard offers a translation for each.
   */
  unmatched: z.record(z.string(), z.array(z.object({ value: z.string(), rows: z.number().int() }))),
  created: Created.optional(),
})

export type ImportReport = z.infer<typeof ImportReport>

export const ImportFailed = ImportReport.extend({ error: z.string(), message: z.string() })

export const ImportResult = z.object({
  entity: z.string(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  repeated: Repeated,
  created: Created.optional(),
})
export type ImportResult = z.infer<typeof ImportResult>

export const ImportFields = z.object({
  entity: z.string(),
  fields: z.array(
    z.object({
      name: z.string().describe('the column name (or mapping target) for this field'),
      kind: z.string().describe('text, int, money, score, instant, date, bool, enum or ref (a reference by key)'),
      required: z.boolean(),
      /** A human label in the person's language (Accept-Language), e.g. "Owner" / "Eigenaar". */
      label: z.string(),
      /** What the column may hold, in the person's language: "e-mail, external id or name", "yyyy-mm-dd"… */
      hint: z.string(),
      /** The values an enum field takes (as stored); the import also reads their labels. */
      allowed: z.array(z.string()).optional(),
    }),
  ),
})
export type ImportField = z.infer<typeof ImportFields>['fields'][number]

/** A mapping kept for the next file from the same source (per organisation, entity and source name). */
export const SavedImportMapping = z.object({
  source: z.string().describe('a name the admin chose, e.g. "Maven CRM" or "HubSpot"'),
  mapping: ImportMapping,
  updatedAt: z.string(),
})
export type SavedImportMapping = z.infer<typeof SavedImportMapping>

/** A built-in mapping for the documented export columns of a CRM's deal report. */
export const ImportPreset = z.object({
  id: z.enum(['hubspot', 'pipedrive', 'salesforce']),
  name: z.string(),
  mapping: ImportMapping,
})
export type ImportPreset = z.infer<typeof ImportPreset>

export const ImportMappings = z.object({
  saved: z.array(SavedImportMapping),
  presets: z.array(ImportPreset).describe('built-in presets for this entity (deals: HubSpot, Pipedrive, Salesforce)'),
})
export type ImportMappings = z.infer<typeof ImportMappings>

export const ImportMappingParams = z.object({
  entity: z.enum(IMPORT_ENTITIES),
  source: z.string().trim().min(1).max(100),
})
export const SaveImportMappingBody = z.object({ mapping: ImportMapping }).strict()
