import { ApiError } from './http.ts'

/** The input name an API `field` ("body.greenFrom", "body.actions.red.0") points at: its first segment after body. */
export function fieldName(field: string | undefined): string | undefined {
  if (field === undefined) return undefined
  const parts = field.split('.')
  return parts[0] === 'body' || parts[0] === 'query' ? parts[1] : parts[0]
}

/**
 * A failed save as field → message, for the form to show each under its input: the API's `{ field: "body.name" }`
 * lands on `name`, anything without a field on `form` (shown above the buttons). Empty when nothing failed.
 */
export function apiFieldErrors(error: unknown): Record<string, string> {
  if (error === null || error === undefined) return {}
  const name = error instanceof ApiError ? fieldName(error.field) : undefined
  return { [name ?? 'form']: error instanceof Error ? error.message : String(error) }
}
