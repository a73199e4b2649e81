import { z } from 'zod'

// Mirrors apps/api/src/routes/import/import.schema.ts and the entity lists of csv/importers.ts and
// records/entity.ts (the web bundle never imports API code).

export const IMPORT_ENTITIES = ['leads', 'deals', 'customers', 'activities', 'costs', 'surveys', 'targets'] as const
export type ImportEntity = (typeof IMPORT_ENTITIES)[number]
export const EXPORT_ENTITIES = ['leads', 'deals', 'customers', 'activities', 'costs', 'surveys'] as const

export const ImportErrorItemSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() })
export type ImportErrorItem = z.infer<typeof ImportErrorItemSchema>

export const ImportReportSchema = z.object({
  entity: z.string(),
  rows: z.number().int(),
  valid: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ImportErrorItemSchema),
  preview: z.array(z.record(z.string(), z.unknown())),
  columns: z.record(z.string(), z.string().nullable()),
})
export type ImportReport = z.infer<typeof ImportReportSchema>

export const ImportResultSchema = z.object({
  entity: z.string(),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
})
export type ImportResult = z.infer<typeof ImportResultSchema>

export const ImportFieldsSchema = z.object({
  entity: z.string(),
  fields: z.array(z.object({ name: z.string(), kind: z.string(), required: z.boolean() })),
})
export type ImportField = z.infer<typeof ImportFieldsSchema>['fields'][number]

export type Mapping = Record<string, string | null>
