import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify'
import fp from 'fastify-plugin'
import { codeForStatus, HttpError, isDatabaseUnavailable } from '../http-errors.ts'
import { type ErrorBody } from '@kpi/contract/errors'

// One error handler for the whole app, so every 4xx/5xx has the shape { error, message, field? }.
// Registered with fastify-plugin so it applies to every scope (routes, static files, docs).

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers'

// `query` rather than Fastify's `querystring`: it is what the handler reads (`request.query`).
const partName: Record<ValidationContext, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
}

/** `body.items.0.name` from Fastify's context and a JSON-pointer-like instancePath (`/items/0/name`). */
export function fieldPath(context: string | undefined, issue: FastifySchemaValidationError): string {
  const part = partName[context as ValidationContext] ?? context ?? 'request'
  const segments = issue.instancePath.split('/').filter((segment) => segment !== '')
  // Ajv reports a missing property on its parent; zod already puts it in the path.
  const missing = issue.params?.['missingProperty']
  if (typeof missing === 'string') segments.push(missing)
  return [part, ...segments].join('.')
}

// Only the rule's own numbers and names: never `input`, which echoes what the client sent.
const RULE_PARAMS = ['minimum', 'maximum', 'origin', 'expected', 'format'] as const

/** The scalar parameters of a zod issue the web words its message with ({} when there are none). */
function ruleParams(params: Record<string, unknown> | undefined): { params?: Record<string, string | number> } {
  const picked: Record<string, string | number> = {}
  for (const name of RULE_PARAMS) {
    const value = params?.[name]
    if (typeof value === 'string' || typeof value === 'number') picked[name] = value
    else if (typeof value === 'bigint') picked[name] = Number(value)
  }
  return Object.keys(picked).length > 0 ? { params: picked } : {}
}

export function toErrorBody(error: FastifyError): { statusCode: number; body: ErrorBody } {
  if (error.validation && error.validation.length > 0) {
    const first = error.validation[0]!
    const field = fieldPath(error.validationContext, first)
    const body: ErrorBody = { error: 'validation_failed', message: first.message ?? 'invalid value', field }
    return { statusCode: 400, body: { ...body, rule: first.keyword, ...ruleParams(first.params) } }
  }
  if (error instanceof HttpError) {
    const body: ErrorBody = { error: error.code, message: error.message }
    if (error.field !== undefined) body.field = error.field
    if (error.rule !== undefined) body.rule = error.rule
    return { statusCode: error.statusCode, body }
  }
  if (isDatabaseUnavailable(error)) {
    // An outage, not a bug: clients may retry, and the message says what is wrong without internals.
    return {
      statusCode: 503,
      body: { error: 'database_unavailable', message: 'the database is unavailable; try again shortly' },
    }
  }
  const statusCode = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500
  if (statusCode >= 500) {
    // Never leak internals: the details are in the log, keyed by the request id.
    return { statusCode, body: { error: codeForStatus(statusCode), message: 'internal server error' } }
  }
  return { statusCode, body: { error: codeForStatus(statusCode), message: error.message } }
}

/**
 * The 404 for unknown API routes (and non-GET requests outside the API) — or 405 with Allow when the path
 * exists with other methods (the route table is kept by http-protocol.ts).
 */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!
  const allowed = request.server.allowedMethods(path)
  if (allowed.length > 0) {
    const message = `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`
    const body: ErrorBody = { error: 'method_not_allowed', message }
    return reply.code(405).header('allow', allowed.join(', ')).type('application/json; charset=utf-8').send(body)
  }
  const body: ErrorBody = { error: 'not_found', message: `route ${request.method} ${request.url} not found` }
  return reply.code(404).type('application/json; charset=utf-8').send(body)
}

export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { statusCode, body } = toErrorBody(error)
      if (statusCode >= 500) request.log.error({ err: error }, 'request failed')
      else request.log.info({ err: { message: error.message, code: error.code }, statusCode }, 'request rejected')
      return reply.code(statusCode).type('application/json; charset=utf-8').send(body)
    })
  },
  { name: 'errors' },
)
