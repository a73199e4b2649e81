import { queryOptions } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../../lib/http.ts'
import {
  ImportFields,
  ImportMappings,
  ImportReport,
  ImportResult,
  SavedImportMapping,
  type ImportEntity,
  type ImportMapping,
} from '@kpi/contract/import'

export const importQueries = {
  all: () => ['import'] as const,
  /** Labels and hints come in the UI's language (Accept-Language): the locale is part of the key. */
  fields: (entity: ImportEntity, locale: string) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'fields', entity, locale],
      queryFn: ({ signal }) => getJson(`/api/import/${entity}/fields`, ImportFields, signal),
      staleTime: Infinity,
    }),
  /** The organisation's saved mappings for this entity and the built-in presets. */
  mappings: (entity: ImportEntity) =>
    queryOptions({
      queryKey: [...importQueries.all(), 'mappings', entity],
      queryFn: ({ signal }) => getJson(`/api/import/${entity}/mappings`, ImportMappings, signal),
    }),
}

/** PUT /api/import/:entity/mappings/:source — kept for the next file from the same source. */
export const saveMapping = (entity: ImportEntity, source: string, mapping: ImportMapping) =>
  sendJson('PUT', `/api/import/${entity}/mappings/${encodeURIComponent(source)}`, { mapping }, SavedImportMapping)

/** A dry run's report, a committed run's counts, or a failed real run (422) with the same report as a dry run. */
export type ImportOutcome =
  | { kind: 'report'; report: ImportReport }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; report: ImportReport; message: string }

/**
 * POST the file as multipart/form-data. The `mapping` field goes first: the API reads fields that precede the
 * file part and streams the file itself, so a mapping sent after it would be ignored.
 */
export async function postImport(options: {
  entity: ImportEntity
  file: Blob
  fileName: string
  mapping: ImportMapping
  dryRun: boolean
  /** The API's origin; the app's own when left out. */
  base?: string
}): Promise<ImportOutcome> {
  const form = new FormData()
  form.append('mapping', JSON.stringify(options.mapping))
  form.append('file', options.file, options.fileName)
  const url = `${options.base ?? ''}/api/import/${options.entity}?dryRun=${options.dryRun}`
  try {
    if (options.dryRun) return { kind: 'report', report: await sendJson('POST', url, form, ImportReport) }
    return { kind: 'done', result: await sendJson('POST', url, form, ImportResult) }
  } catch (error) {
    // A real run with row errors is refused (422) with the same report as a dry run: the wizard shows its rows.
    if (!(error instanceof ApiError) || error.status !== 422) throw error
    const report = ImportReport.safeParse(error.body)
    if (!report.success) throw error
    return { kind: 'failed', report: report.data, message: error.message }
  }
}
