import type { z } from 'zod'
import { ApiError, CSRF_HEADER, readCsrfToken, sendJson } from '../../lib/http.ts'
import type { MutationMethod } from '../../lib/http.ts'

/**
 * The outcome of a versioned write: saved, or a 409 carrying the row as stored now (`current`, null when it was
 * deleted meanwhile). Every other failure throws ApiError as usual.
 */
export type VersionedResult<T, C = T> =
  { kind: 'saved'; data: T } | { kind: 'conflict'; message: string; current: C | null }

/**
 * Like sendJson, but a 409 version_conflict is an expected answer, not an exception: the form needs the other
 * person's values (`current`) to offer "keep mine" / "use theirs". http.ts's ApiError has no room for `current`,
 * so the 409 body is read here.
 */
export async function sendVersioned<S extends z.ZodType, C extends z.ZodType = S>(
  method: MutationMethod,
  url: string,
  body: unknown,
  schema: S,
  /** The shape of `current` when it differs from the success body (a bulk PUT answers a list, `current` is one row). */
  currentSchema?: C,
): Promise<VersionedResult<z.output<S>, z.output<C>>> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' }
  const csrf = readCsrfToken()
  if (csrf !== undefined) headers[CSRF_HEADER] = csrf
  const response = await fetch(url, { method, headers, credentials: 'same-origin', body: JSON.stringify(body) })
  if (response.status === 409) {
    const json = (await response.json().catch(() => ({}))) as { error?: string; message?: string; current?: unknown }
    if (json.error === 'version_conflict') {
      const parsed = (currentSchema ?? schema).nullable().safeParse(json.current ?? null)
      const current = parsed.success ? (parsed.data as z.output<C>) : null
      return { kind: 'conflict', message: json.message ?? '', current }
    }
    throw new ApiError({ status: 409, error: json.error ?? 'conflict', message: json.message ?? 'Conflict' })
  }
  if (!response.ok) {
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
    const field = str(json['field'])
    throw new ApiError({
      status: response.status,
      error: str(json['error']) ?? 'http_error',
      message: str(json['message']) ?? `Request failed with status ${response.status}`,
      ...(field === undefined ? {} : { field }),
    })
  }
  const text = await response.text()
  const parsed = schema.safeParse(text === '' ? undefined : JSON.parse(text))
  if (!parsed.success) {
    throw new ApiError({ status: response.status, error: 'invalid_response', message: parsed.error.message })
  }
  return { kind: 'saved', data: parsed.data }
}

export { sendJson }

/** The input name an API `field` ("body.greenFrom", "body.actions.red.0") points at: its first segment after body. */
export function fieldName(field: string | undefined): string | undefined {
  if (field === undefined) return undefined
  const parts = field.split('.')
  return parts[0] === 'body' || parts[0] === 'query' ? parts[1] : parts[0]
}
