import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import dashboardManager from './fixtures/dashboard-manager.json'

// A real HTTP server answering the few routes the shell needs, with a body recorded from the real API
// (./fixtures, kept equal to the real answer by apps/api/src/contract/web-fixtures.test.ts). The e2e tests run the real API;
// these component tests only need its answers, without PostgreSQL.

const ME = {
  user: {
    id: 2,
    name: 'Eva Vos',
    email: 'manager@example.com',
    role: 'manager',
    team: { id: 1, name: 'North' },
    managedTeams: [{ id: 1, name: 'North' }],
    teams: [{ id: 1, name: 'North' }],
  },
  organization: {
    id: 1,
    name: 'Demo Sales B.V.',
    currency: 'EUR',
    timeZone: 'Europe/Amsterdam',
    fiscalYearStartMonth: 1,
    leaderboardEnabled: false,
  },
}

export type FakeApi = {
  origin: string
  signedIn: boolean
  requests: string[]
  /** The sign-ins that succeeded: email and the organisation asked for (undefined: none). */
  logins: { email: string | undefined; organizationId: number | undefined }[]
  close: () => Promise<void>
}

export type FakeApiOptions = {
  signedIn?: boolean
  /** GET /api/me; the demo manager by default. */
  me?: typeof ME
  /** GET /api/dashboard by its `scope` parameter (null when absent); the captured manager answer by default. */
  dashboard?: (scope: string | null) => unknown
  /** GET /api/notifications; without it the route is absent (404), as on a server without notifications. */
  notifications?: unknown
}

export const FAKE_ME = ME

export async function startFakeApi({
  signedIn = true,
  me = ME,
  dashboard = () => dashboardManager,
  notifications,
}: FakeApiOptions = {}): Promise<FakeApi> {
  const state: FakeApi = { origin: '', signedIn, requests: [], logins: [], close: async () => {} }
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const server = createServer(async (req: IncomingMessage, res) => {
    let body = ''
    for await (const chunk of req) body += chunk
    const url = new URL(req.url ?? '/', 'http://x')
    state.requests.push(`${req.method} ${url.pathname}${url.search}`)
    if (url.pathname === '/api/auth/login') {
      const { email, password, organizationId } = JSON.parse(body || '{}') as {
        email?: string
        password?: string
        organizationId?: number
      }
      // As the API answers (routes/auth/auth.routes.ts): the back-off's 429, and the 409 of one email and
      // password opening accounts in two organisations.
      if (email === 'locked@example.com') {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '120' })
        return res.end(JSON.stringify({ error: 'too_many_requests', message: 'too many failed sign-ins' }))
      }
      if (email === 'consultant@example.com' && organizationId === undefined)
        return send(res, 409, {
          error: 'conflict',
          message: 'this email and password open accounts in 2 organisations; send organizationId to choose one',
          field: 'body.organizationId',
          organizations: [
            { id: 1, name: 'Demo Sales B.V.' },
            { id: 7, name: 'Other Sales B.V.' },
          ],
        })
      if (password !== 'demo1234') return send(res, 401, { error: 'invalid_credentials', message: 'wrong' })
      state.logins.push({ email, organizationId })
      state.signedIn = true
      return send(res, 200, { user: ME.user })
    }
    if (url.pathname === '/api/auth/logout') {
      state.signedIn = false
      return send(res, 204, '')
    }
    if (!state.signedIn) return send(res, 401, { error: 'unauthorized', message: 'sign in first' })
    if (url.pathname === '/api/me') return send(res, 200, me)
    if (url.pathname === '/api/dashboard') {
      if (url.searchParams.get('scope') === 'org') return send(res, 403, { error: 'forbidden', message: 'no' })
      return send(res, 200, dashboard(url.searchParams.get('scope')))
    }
    if (notifications !== undefined && url.pathname === '/api/notifications') return send(res, 200, notifications)
    if (notifications !== undefined && /^\/api\/notifications\/[^/]+\/read$/.test(url.pathname))
      return send(res, 204, '')
    return send(res, 404, { error: 'not_found', message: 'Not found' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // The app calls relative /api URLs (same origin in the browser); in jsdom they are resolved against this server.
  const realFetch = globalThis.fetch
  globalThis.fetch = (input, init) =>
    realFetch(typeof input === 'string' && input.startsWith('/') ? `${state.origin}${input}` : input, init)
  state.close = async () => {
    globalThis.fetch = realFetch
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return state
}
