import type { Socket } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { HttpError, type ErrorCode } from '../http-errors.ts'
import { type ErrorBody } from '@kpi/contract/errors'
import { securityHeaders } from './security-headers.ts'

// What HTTP itself can get wrong, answered like everything else: { error, message, field? }, our security
// headers, and a message that says what is wrong (issue 14 F15).
//   - bytes Node cannot parse as HTTP, headers over its 16 KB limit, a request that never finished (400/431/408,
//     sent by Node before Fastify routes anything: Fastify's default answer has its own shape and no headers);
//   - JSON bodies: our parser names a `__proto__` key (Fastify's said "not valid JSON") and where JSON breaks;
//   - a query parameter given twice (it became an array, and zod said "received NaN");
//   - a path that exists, asked with another method: 405 with Allow, not 404 (`allowedMethods`, used by
//     errors.ts sendNotFound).

const clientErrors: Record<string, { status: number; code: ErrorCode; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'the request did not arrive in time' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'the request headers exceed 16 KB' },
}
const notHttp = { status: 400, code: 'bad_request' as ErrorCode, message: 'the request is not valid HTTP/1.1' }
const statusText: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
}

/** Fastify's `clientErrorHandler` option: Node's own 400/408/431 in our shape, with our headers. */
export function clientErrorHandler(production: boolean) {
  const headers = { ...securityHeaders(production), 'cache-control': 'no-store', connection: 'close' }
  return function (this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return
    const { status, code, message } = clientErrors[error.code ?? ''] ?? notHttp
    this.log.info({ err: { message: error.message, code: error.code }, statusCode: status }, 'client error')
    const body = JSON.stringify({ error: code, message } satisfies ErrorBody)
    const lines = Object.entries({ ...headers, 'content-type': 'application/json; charset=utf-8' })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')
    if (socket.writable)
      socket.write(
        `HTTP/1.1 ${status} ${statusText[status]}\r\n${lines}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
    socket.destroy(error)
  }
}

/** The first `__proto__` (or `constructor.prototype`) key in a parsed JSON value, as a field path. */
export function forbiddenKey(value: unknown): string | null {
  // Iterative: a body 10,000 arrays deep must not cost a stack frame per level.
  const stack: [unknown, string][] = [[value, 'body']]
  while (stack.length > 0) {
    const [node, path] = stack.pop()!
    if (typeof node !== 'object' || node === null) continue
    if (Object.hasOwn(node, '__proto__')) return `${path}.__proto__`
    const ctor = (node as Record<string, unknown>)['constructor']
    if (
      Object.hasOwn(node, 'constructor') &&
      typeof ctor === 'object' &&
      ctor !== null &&
      Object.hasOwn(ctor, 'prototype')
    )
      return `${path}.constructor.prototype`
    for (const [key, child] of Object.entries(node)) stack.push([child, `${path}.${key}`])
  }
  return null
}

/** Route patterns by method under /api, to tell "no such path" (404) from "not with this method" (405). */
function routeTable() {
  const patterns: { regex: RegExp; methods: Set<string> }[] = []
  const byUrl = new Map<string, Set<string>>()
  const normalise = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path)
  return {
    add(url: string, methods: string[]) {
      const key = normalise(url)
      let set = byUrl.get(key)
      if (!set) {
        set = new Set()
        byUrl.set(key, set)
        const source = key
          .split('/')
          .map((part) =>
            part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
          )
          .join('/')
        patterns.push({ regex: new RegExp(`^${source}$`), methods: set })
      }
      for (const method of methods) set.add(method)
      if (set.has('GET')) set.add('HEAD')
    },
    allowed(path: string): string[] {
      const methods = new Set<string>()
      for (const { regex, methods: own } of patterns)
        if (regex.test(normalise(path))) own.forEach((m) => methods.add(m))
      return [...methods].sort()
    },
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The methods routed at `path` (a concrete URL path), for the 405's Allow header. */
    allowedMethods(path: string): string[]
  }
}

export const httpProtocolPlugin = fp(
  async (app) => {
    const routes = routeTable()
    app.decorate('allowedMethods', (path: string) => routes.allowed(path))
    app.addHook('onRoute', (route) => {
      if (route.url.startsWith('/api/')) routes.add(route.url, [route.method].flat())
    })

    app.removeContentTypeParser('application/json')
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = body as string
      if (text.trim() === '') return done(new HttpError('validation_failed', 'the body is empty: send JSON', 'body'))
      let value: unknown
      try {
        value = JSON.parse(text)
      } catch (error) {
        return done(
          new HttpError('validation_failed', `the body is not valid JSON: ${(error as Error).message}`, 'body'),
        )
      }
      const field = forbiddenKey(value)
      if (field !== null) {
        const key = field.endsWith('.constructor.prototype') ? 'constructor.prototype' : '__proto__'
        return done(new HttpError('validation_failed', `the key "${key}" is not allowed in JSON bodies`, field))
      }
      done(null, value)
    })
  },
  { name: 'http-protocol' },
)

/** Refuses a query parameter given more than once: no route of ours takes a list that way. */
export async function refuseRepeatedQuery(request: FastifyRequest): Promise<void> {
  for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
    if (Array.isArray(value))
      throw new HttpError('validation_failed', `${name} is given ${value.length} times; give it once`, `query.${name}`)
  }
}
