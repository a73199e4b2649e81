import { z } from 'zod'

/** What a CSV import can fill: the record tables and the targets. */
export const IMPORT_ENTITIES = ['leads', 'deals', 'customers', 'activities', 'costs', 'surveys', 'targets'] as const
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
      'JSON {"Their column": "ourField"}; for text/csv bodies (multipart sends a `mapping` field before the file)',
    ),
})

export const ImportErrorItem = z.object({
  row: z.number().int().describe('1-based data row (0: the file or its header)'),
  column: z.string().describe('the header as it is in the file'),
  message: z.string(),
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

export const ImportReport = z.object({
  entity: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ImportErrorItem),
  preview: z.array(z.record(z.string(), z.unknown())),
  columns: Columns.describe('each header of the file → the field it fills, or null when it is ignored'),
})

export type ImportReport = z.infer<typeof ImportReport>

export const ImportFailed = ImportReport.extend({ error: z.string(), message: z.string() })

export const ImportResult = z.object({
  entity: z.string(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
})
export type ImportResult = z.infer<typeof ImportResult>

export const ImportFields = z.object({
  entity: z.string(),
  fields: z.array(
    z.object({
      name: z.string().describe('the column name (or mapping target) for this field'),
      kind: z.string().describe('text, int, money, score, instant, date, bool, enum or ref (a reference by key)'),
      required: z.boolean(),
    }),
  ),
})
export type ImportField = z.infer<typeof ImportFields>['fields'][number]
