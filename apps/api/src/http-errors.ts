// One table from error code to HTTP status. Routes throw `new HttpError('not_found', '…')`; the error handler
// (plugins/errors.ts) turns it, and every other error, into the one body shape below.
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  /** The password was right; this account also needs a two-factor code (send `code`). */
  totp_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  /** The organisation requires two-factor codes and this person has not turned them on yet. */
  two_factor_setup_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  headers_too_large: 431,
  internal_error: 500,
  service_unavailable: 503,
  database_unavailable: 503,
} as const

export type ErrorCode = keyof typeof errorStatus

export class HttpError extends Error {
  override name = 'HttpError'
  readonly statusCode: number
  readonly code: ErrorCode
  readonly field: string | undefined
  /** The rule the field broke, for the client to word in its language (ErrorBody.rule). */
  readonly rule: string | undefined

  constructor(code: ErrorCode, message: string, field?: string, rule?: string) {
    super(message)
    this.code = code
    this.field = field
    this.rule = rule
    this.statusCode = errorStatus[code]
  }
}

/** The code for a status that did not come with one (Fastify's own errors, plugins). */
export function codeForStatus(statusCode: number): ErrorCode {
  const known = Object.entries(errorStatus).find(
    ([code, status]) => status === statusCode && code !== 'validation_failed' && code !== 'database_unavailable',
  )
  if (known) return known[0] as ErrorCode
  return statusCode >= 500 ? 'internal_error' : 'bad_request'
}

// Errors that mean "PostgreSQL is not there right now" (stopped, restarting, network gone), as raised by pg
// (socket errno, SQLSTATE class 08 and 57P0x) and by Prisma's pg adapter (which wraps them in causes/meta).
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1001', // Prisma: can't reach database server
  'P1017', // Prisma: server has closed the connection
])
const unavailableMessage =
  /connection terminated|server closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down)|can't reach database server|connection error/i
const unavailableKind = /DatabaseNotReachable|ConnectionClosed|SocketTimeout/

/** True when `error` (or anything it wraps) says the database cannot be reached: answer 503, not 500. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  const e = error as {
    code?: unknown
    message?: unknown
    kind?: unknown
    cause?: unknown
    meta?: unknown
    errors?: unknown
  }
  if (typeof e.code === 'string' && unavailableCodes.has(e.code)) return true
  if (typeof e.kind === 'string' && unavailableKind.test(e.kind)) return true
  if (typeof e.message === 'string' && unavailableMessage.test(e.message)) return true
  const nested = [e.cause, e.meta, ...(Array.isArray(e.errors) ? e.errors : [])]
  if (typeof e.meta === 'object' && e.meta !== null) nested.push(...Object.values(e.meta))
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1))
}
