import type { FastifyInstance } from 'fastify'
import { TEST_PASSWORD } from './seed-tenant.ts'

/**
 * loginAs(app | baseUrl, email, password?) — signs in through the real POST /api/auth/login and returns what a
 * browser would send afterwards:
 *
 *   const as = await loginAs(app, tenant.admin.email)
 *   await app.inject({ method: 'PATCH', url: '/api/users/3', headers: as.headers, payload })   // cookie + CSRF
 *   await fetch(`${baseUrl}/api/me`, { headers: as.headers })
 *
 * `headers` = { cookie: 'kpi_session=…; kpi_csrf=…', 'x-csrf-token': … }. Throws when the login is refused.
 * Pass a baseUrl (`http://127.0.0.1:<port>`) to go over real HTTP. Every login is a separate session.
 */

export type Session = {
  headers: { cookie: string; 'x-csrf-token': string }
  sessionToken: string
  csrfToken: string
  user: { id: number; email: string; role: string }
}

/** The CSRF cookie a browser would have got from GET /api/me before showing the login form. */
export function csrfHeaders(token = 'test-csrf-token'): { cookie: string; 'x-csrf-token': string } {
  return { cookie: `kpi_csrf=${token}`, 'x-csrf-token': token }
}

/** name → value from Set-Cookie header lines. */
export function parseSetCookies(lines: string[]): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const line of lines) {
    const [pair = ''] = line.split(';')
    const at = pair.indexOf('=')
    if (at > 0) cookies[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim())
  }
  return cookies
}

export async function loginAs(
  target: FastifyInstance | string,
  email: string,
  password: string = TEST_PASSWORD,
): Promise<Session> {
  const headers = { ...csrfHeaders(), 'content-type': 'application/json' }
  const payload = JSON.stringify({ email, password })
  let status: number
  let body: string
  let setCookies: string[]
  if (typeof target === 'string') {
    const response = await fetch(`${target}/api/auth/login`, { method: 'POST', headers, body: payload })
    status = response.status
    body = await response.text()
    setCookies = response.headers.getSetCookie()
  } else {
    const response = await target.inject({ method: 'POST', url: '/api/auth/login', headers, payload })
    status = response.statusCode
    body = response.body
    const raw = response.headers['set-cookie'] ?? []
    setCookies = Array.isArray(raw) ? raw : [raw]
  }
  if (status !== 200) throw new Error(`login as ${email} failed: ${status} ${body}`)
  const cookies = parseSetCookies(setCookies)
  const sessionToken = cookies['kpi_session']
  const csrfToken = cookies['kpi_csrf']
  if (!sessionToken || !csrfToken) throw new Error(`login as ${email} set no session/csrf cookie`)
  const { user } = JSON.parse(body) as { user: Session['user'] }
  return {
    headers: { cookie: `kpi_session=${sessionToken}; kpi_csrf=${csrfToken}`, 'x-csrf-token': csrfToken },
    sessionToken,
    csrfToken,
    user,
  }
}
