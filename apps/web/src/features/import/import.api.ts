import { queryOptions } from '@tanstack/react-query'
import { ApiError, CSRF_HEADER, getJson, readCsrfToken } from '../../lib/http.ts'
import { ImportFieldsSchema, ImportReportSchema, ImportResultSchema } from './import.schema.ts'
import type { ImportEntity, ImportReport, ImportResult, Mapping } from './import.schema.ts'

export const importFieldsQuery = (entity: ImportEntity) =>
  queryOptions({
    queryKey: ['import', 'fields', entity],
    queryFn: ({ signal }) => getJson(`/api/import/${entity}/fields`, ImportFieldsSchema, signal),
    staleTime: Infinity,
  })

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
  mapping: Mapping
  dryRun: boolean
  base?: string
}): Promise<ImportOutcome> {
  const form = new FormData()
  form.append('mapping', JSON.stringify(options.mapping))
  form.append('file', options.file, options.fileName)
  const headers: Record<string, string> = { accept: 'application/json' }
  const csrf = readCsrfToken()
  if (csrf !== undefined) headers[CSRF_HEADER] = csrf
  const url = `${options.base ?? ''}/api/import/${options.entity}?dryRun=${options.dryRun}`
  const response = await fetch(url, { method: 'POST', headers, body: form, credentials: 'same-origin' })
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (response.status === 422) {
    const report = ImportReportSchema.safeParse(json)
    if (report.success) return { kind: 'failed', report: report.data, message: String(json['message'] ?? '') }
  }
  if (!response.ok) {
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
    const field = str(json['field'])
    throw new ApiError({
      status: response.status,
      error: str(json['error']) ?? 'http_error',
      message: str(json['message']) ?? `Request failed with status ${response.status}`,
      ...(field === undefined ? {} : { field }),
    })
  }
  if (options.dryRun) return { kind: 'report', report: ImportReportSchema.parse(json) }
  return { kind: 'done', result: ImportResultSchema.parse(json) }
}
