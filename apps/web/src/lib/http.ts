import type { z } from 'zod'

/** The error body every API failure carries; `field` names the offending input on a 4xx validation error. */
export type ApiErrorBody = { status: number; error: string; message: string; field?: string }

/**
 * A failed API call. Components branch on `status` (401 → login, 409 → reload and retry) and show `message`;
 * forms put `message` next to the input named by `field`. `body` is the parsed answer as received, for what an
 * error carries beyond the shared shape — a 409 version_conflict's `current` row.
 */
export class ApiError extends Error {
  readonly status: number
  readonly error: string
  readonly field: string | undefined
  readonly body: unknown
  /** From a 429's (or 503's) Retry-After header: how long to wait, in seconds. */
  readonly retryAfterSeconds: number | undefined

  constructor({ status, error, message, field }: ApiErrorBody, body?: unknown, retryAfterSeconds?: number) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.error = error
    this.field = field
    this.body = body
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** The UI's language (I18nProvider keeps it on <html lang>): the API answers messages in it (import reports). */
const languageHeader = (): Record<string, string> => {
  const lang = globalThis.document?.documentElement.lang
  return lang ? { 'accept-language': lang } : {}
}

export type MutationMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export const CSRF_COOKIE = 'kpi_csrf'
export const CSRF_HEADER = 'x-csrf-token'

/** Reads the double-submit CSRF token the API sets as a readable cookie; undefined before the first login. */
export function readCsrfToken(cookie: string = globalThis.document?.cookie ?? ''): string | undefined {
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=')
    if (name === CSRF_COOKIE) return decodeURIComponent(rest.join('='))
  }
  return undefined
}

/** GET a JSON resource and validate it, so a drifting API fails loudly here instead of deep in a component. */
export async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  const response = await fetch(url, {
    method: 'GET',
    headers: { accept: 'application/json', ...languageHeader() },
    // Same-origin in production and via the dev proxy: the session cookie travels, nothing leaks cross-site.
    credentials: 'same-origin',
    signal: signal ?? null,
  })
  return parseResponse(response, schema)
}

/**
 * Send a JSON body with the session cookie and the CSRF header. Returns the parsed body when a schema is
 * given, otherwise the raw JSON (or undefined on 204). A FormData body (a file upload) goes as
 * multipart/form-data; the answer is JSON all the same.
 */
export async function sendJson<S extends z.ZodType>(
  method: MutationMethod,
  url: string,
  body?: unknown,
  schema?: S,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { accept: 'application/json', ...languageHeader() }
  const form = body instanceof FormData
  // fetch writes a FormData's content-type itself, with the multipart boundary in it.
  if (body !== undefined && !form) headers['content-type'] = 'application/json'
  const csrf = readCsrfToken()
  if (csrf !== undefined) headers[CSRF_HEADER] = csrf
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? null : form ? body : JSON.stringify(body),
  })
  return parseResponse(response, schema)
}

async function parseResponse<S extends z.ZodType>(response: Response, schema: S | undefined): Promise<z.output<S>> {
  const text = await response.text()
  const json = text === '' ? undefined : safeJsonParse(text)
  if (!response.ok) throw toApiError(response, json)
  if (schema === undefined) return json as z.output<S>
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ApiError({
      status: response.status,
      error: 'invalid_response',
      message: `Unexpected response from ${response.url || 'the server'}: ${issue?.message ?? 'invalid shape'}`,
      ...(issue && issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
    })
  }
  return parsed.data
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Accepts our `{ error, message, field }` body and Fastify's default `{ statusCode, error, message }`. */
function toApiError(response: Response, json: unknown): ApiError {
  const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {}
  const str = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined)
  const field = str(body.field)
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN)
  return new ApiError(
    {
      status: response.status,
      error: str(body.error) ?? (response.statusText || 'http_error'),
      message: str(body.message) ?? str(json) ?? `Request failed with status ${response.status}`,
      ...(field === undefined ? {} : { field }),
    },
    json,
    Number.isInteger(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  )
}
