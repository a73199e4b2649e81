import { z } from 'zod'

// One table from error code to HTTP status. Routes throw `new HttpError('not_found', '…')`; the error handler
// (plugins/errors.ts) turns it, and every other error, into the one body shape below.
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

/** The body of every 4xx/5xx answer. `field` names the offending input, e.g. `body.email` or `query.period`. */
export const ErrorBody = z.object({
  error: z.string().describe('machine-readable code, e.g. validation_failed, not_found'),
  message: z.string().describe('human-readable explanation; never a stack trace'),
  field: z.string().optional().describe('the input that was rejected, as <part>.<path>'),
})
export type ErrorBody = z.infer<typeof ErrorBody>

export class HttpError extends Error {
  override name = 'HttpError'
  readonly statusCode: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.statusCode = errorStatus[code]
  }
}

/** The code for a status that did not come with one (Fastify's own errors, plugins). */
export function codeForStatus(statusCode: number): ErrorCode {
  const known = Object.entries(errorStatus).find(
    ([code, status]) => status === statusCode && code !== 'validation_failed',
  )
  if (known) return known[0] as ErrorCode
  return statusCode >= 500 ? 'internal_error' : 'bad_request'
}
