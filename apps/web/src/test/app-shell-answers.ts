import dashboardManager from './fixtures/dashboard-manager.json'
import { json, notFound, startTestApi } from './test-api.ts'
import type { TestAnswer, TestApi, TestRequest } from './test-api.ts'

// The routes the app shell calls (sign-in, /api/me, the dashboard, notifications), answered as the real API does,
// with the dashboard body captured from it (GET /api/dashboard as manager@example.com on the demo data, 25 Nov
// 2026). For the tests that render the whole App; a single component's test answers its own routes instead.

export const MANAGER_ME = {
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
    gaugeStyle: 'gauge',
  },
  preferences: { gaugeStyle: null },
  twoFactor: { enabled: false, required: false },
}

export type AppShellOptions = {
  signedIn?: boolean
  /** GET /api/me; the demo manager by default. */
  me?: typeof MANAGER_ME
  /** GET /api/dashboard by its `scope` parameter (null when absent); the captured manager answer by default. */
  dashboard?: (scope: string | null) => unknown
  /**
   * GET /api/notifications (a body, or a body per `page` parameter); without it the route is absent (404), as on a
   * server without notifications.
   */
  notifications?: unknown
  /** GET /api/auth/methods; password only by default (no OIDC_* set). */
  authMethods?: unknown
}

export type AppShellApi = TestApi & {
  /** The sign-ins that succeeded: email and the organisation asked for (undefined: none). */
  logins: { email: string | undefined; organizationId: number | undefined }[]
}

/** The reset token the fake API accepts (any other is answered as an already used one). */
export const GOOD_RESET_TOKEN = 'good-reset-token'

/** Starts the test API answering the shell's routes. */
export async function startAppShellApi({
  signedIn = true,
  me = MANAGER_ME,
  dashboard = () => dashboardManager,
  notifications,
  authMethods = { password: true, oidc: null },
}: AppShellOptions = {}): Promise<AppShellApi> {
  const logins: AppShellApi['logins'] = []
  let session = signedIn
  const answer = (request: TestRequest): TestAnswer => {
    const { path, query } = request
    if (path === '/api/auth/login') {
      const { email, password, organizationId } = (request.body ?? {}) as {
        email?: string
        password?: string
        organizationId?: number
      }
      // As the API answers (routes/auth/auth.routes.ts): the back-off's 429, and the 409 of one email and
      // password opening accounts in two organisations.
      if (email === 'locked@example.com')
        return json(429, { error: 'too_many_requests', message: 'too many failed sign-ins' }, { 'retry-after': '120' })
      if (email === 'consultant@example.com' && organizationId === undefined)
        return json(409, {
          error: 'conflict',
          message: 'this email and password open accounts in 2 organisations; send organizationId to choose one',
          field: 'body.organizationId',
          organizations: [
            { id: 1, name: 'Demo Sales B.V.' },
            { id: 7, name: 'Other Sales B.V.' },
          ],
        })
      if (password !== 'demo1234') return json(401, { error: 'invalid_credentials', message: 'wrong' })
      // Two-factor codes on: the code after the right password; 123456 and one recovery code are right.
      const { code } = request.body as { code?: string }
      if (email === 'two-factor@example.com' && code === undefined)
        return json(401, { error: 'totp_required', message: 'enter the code from your authenticator app' })
      if (email === 'two-factor@example.com' && code !== '123456' && code !== 'abcde-fghjk')
        return json(401, { error: 'unauthorized', message: 'the code is wrong', field: 'body.code' })
      logins.push({ email, organizationId })
      session = true
      return json(200, { user: me.user })
    }
    if (path === '/api/auth/methods') return json(200, authMethods)
    // As routes/password-reset answers: 202 whatever the email; a token it does not know is refused naming body.token.
    if (path === '/api/auth/password-reset')
      return json(202, {
        message: 'If an account exists for that address, we sent it a link to choose a new password.',
      })
    if (path === '/api/auth/password-reset/confirm') {
      const { token } = (request.body ?? {}) as { token?: string }
      if (token !== GOOD_RESET_TOKEN)
        return json(400, {
          error: 'validation_failed',
          message: 'this reset link was already used; ask for a new link if you still need one',
          field: 'body.token',
        })
      session = true
      return json(200, { user: me.user })
    }
    if (path === '/api/auth/logout') {
      session = false
      return json(204)
    }
    if (!session) return json(401, { error: 'unauthorized', message: 'sign in first' })
    if (path === '/api/me' && request.method === 'PATCH') return json(200, request.body)
    if (path === '/api/me') return json(200, me)
    if (path === '/api/dashboard') {
      if (query.get('scope') === 'org')
        return json(403, {
          error: 'forbidden',
          message: 'You may not view the figures of the organisation (org)', // as apps/api/src/auth/access.ts says it
        })
      return json(200, dashboard(query.get('scope')))
    }
    if (notifications !== undefined && path === '/api/notifications')
      return json(
        200,
        typeof notifications === 'function'
          ? (notifications as (page: string | null) => unknown)(query.get('page'))
          : notifications,
      )
    if (notifications !== undefined && /^\/api\/notifications\/[^/]+\/read$/.test(path)) return json(204)
    return notFound(request)
  }
  return { ...(await startTestApi(answer)), logins }
}
