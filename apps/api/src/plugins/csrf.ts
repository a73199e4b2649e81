import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { CSRF_COOKIE, CSRF_HEADER } from '../auth/cookies.ts'
import { HttpError } from '../http-errors.ts'

// CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE) to a route, login included:
// 1. double submit: the x-csrf-token header must equal the kpi_csrf cookie. A cross-site page can make the
//    browser send our cookies but cannot read them, so it cannot put the token in a header;
// 2. when the browser says where the request comes from (Origin, Sec-Fetch-Site), it must be this origin.
// Unmatched routes are left to answer 404: nothing happens there, and the error handler owns that answer.
// Registered inside the /api scope (app.ts), so every API route added later is covered without doing anything.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/**
 * This app's origin as the request reached it: request.protocol (X-Forwarded-Proto only when a trusted proxy is
 * configured) and the Host header, normalised by URL (a default port drops out). Null when Host is unusable.
 */
function ownOrigin(request: FastifyRequest): string | null {
  try {
    return new URL(`${request.protocol}://${request.headers.host ?? ''}`).origin
  } catch {
    return null
  }
}

/** The reason a state-changing request is refused, or null when it passes. */
export function csrfFailure(request: FastifyRequest): string | null {
  const fetchSite = request.headers['sec-fetch-site']
  if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
    return `cross-site request refused (Sec-Fetch-Site: ${fetchSite})`
  }
  const origin = request.headers.origin
  if (origin !== undefined && origin !== 'null') {
    let claimed: string
    try {
      claimed = new URL(origin).origin
    } catch {
      return 'malformed Origin header'
    }
    // The whole origin — scheme too: a page on http://host must not act for the app at https://host.
    if (claimed !== ownOrigin(request)) return `cross-origin request refused (Origin: ${origin})`
  } else if (origin === 'null') {
    return 'opaque origin refused'
  }
  const cookie = request.cookies[CSRF_COOKIE]
  const header = request.headers[CSRF_HEADER]
  if (!cookie || typeof header !== 'string' || header === '') return `missing ${CSRF_HEADER} header or cookie`
  if (!sameToken(cookie, header)) return `${CSRF_HEADER} does not match the ${CSRF_COOKIE} cookie`
  return null
}

export const csrfPlugin = fp(
  async (app) => {
    // preHandler would run after body validation and let a cross-site request probe our validation rules, so
    // the check runs on onRequest — before the body is even read.
    app.addHook('onRequest', async (request) => {
      if (SAFE_METHODS.has(request.method) || request.is404) return
      const failure = csrfFailure(request)
      if (failure !== null) throw new HttpError('csrf_failed', failure)
    })
  },
  { name: 'csrf', dependencies: ['session'] },
)
