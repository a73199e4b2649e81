import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { csrfHeaders, loginAs, parseSetCookies } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// Login, logout, sessions and CSRF over a real listening port with fetch, as a browser would talk to the API.

let database: TestDatabase
let app: App
let baseUrl: string
let tenant: Tenant

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: database })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  baseUrl = address
  tenant = await seedTenant(database.pool)
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

function post(path: string, body: unknown, headers: Record<string, string> = csrfHeaders()) {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

function getMe(headers: Record<string, string> = {}) {
  return fetch(`${baseUrl}/api/me`, { headers })
}

describe('login', () => {
  test('the right password signs in: 200 with the user, session and CSRF cookies with safe flags', async () => {
    const rep = tenant.teams[0].reps[0]
    const response = await post('/api/auth/login', { email: rep.email, password: tenant.password })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      user: {
        id: rep.id,
        name: rep.name,
        email: rep.email,
        role: 'rep',
        team: { id: tenant.teams[0].id, name: tenant.teams[0].name },
        managedTeams: [],
        teams: [{ id: tenant.teams[0].id, name: tenant.teams[0].name }],
        regions: [],
      },
    })
    const lines = response.headers.getSetCookie()
    const session = lines.find((line) => line.startsWith('kpi_session='))!
    const csrf = lines.find((line) => line.startsWith('kpi_csrf='))!
    expect(session).toMatch(/; HttpOnly/)
    expect(session).toMatch(/; SameSite=Lax/)
    expect(session).toMatch(/; Path=\//)
    expect(session).not.toMatch(/; Secure/) // plain HTTP outside production
    expect(csrf).not.toMatch(/HttpOnly/) // the web app must read it
    // 32 random bytes in base64url = 43 characters; the login rotates the CSRF token too.
    const cookies = parseSetCookies(lines)
    expect(cookies['kpi_session']).toMatch(/^[\w-]{43}$/)
    expect(cookies['kpi_csrf']).toMatch(/^[\w-]{43}$/)
    expect(cookies['kpi_csrf']).not.toBe('test-csrf-token')
  })

  test('the email is matched case-insensitively', async () => {
    const response = await post('/api/auth/login', {
      email: tenant.teams[0].manager.email.toUpperCase(),
      password: tenant.password,
    })
    expect(response.status).toBe(200)
  })

  test('wrong password, unknown email and a deactivated account get the same 401 body and no cookie', async () => {
    const rep = tenant.teams[1].reps[1]
    await database.pool.query('UPDATE users SET active = FALSE WHERE id = $1', [tenant.teams[1].reps[0].id])
    const answers = await Promise.all([
      post('/api/auth/login', { email: rep.email, password: 'wrong password' }),
      post('/api/auth/login', { email: 'nobody@example.test', password: tenant.password }),
      post('/api/auth/login', { email: tenant.teams[1].reps[0].email, password: tenant.password }),
    ])
    for (const response of answers) {
      expect(response.status).toBe(401)
      expect(await response.json()).toEqual({ error: 'unauthorized', message: 'email or password is wrong' })
      expect(response.headers.getSetCookie().some((line) => line.startsWith('kpi_session='))).toBe(false)
    }
  })

  test.each([
    { body: { password: 'x' }, field: 'body.email' },
    { body: { email: 'not-an-email', password: 'x' }, field: 'body.email' },
    { body: { email: 'a@example.test' }, field: 'body.password' },
    { body: { email: 'a@example.test', password: '' }, field: 'body.password' },
  ])('a malformed login is a 400 naming $field', async ({ body, field }) => {
    const response = await post('/api/auth/login', body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'validation_failed', message: expect.any(String), field })
  })
})

describe('sessions', () => {
  test('GET /api/me with the session answers the user and organisation', async () => {
    const manager = tenant.teams[1].manager
    const session = await loginAs(baseUrl, manager.email)
    const response = await getMe(session.headers)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      user: {
        id: manager.id,
        name: manager.name,
        email: manager.email,
        role: 'manager',
        team: null,
        managedTeams: [{ id: tenant.teams[1].id, name: tenant.teams[1].name }],
        teams: [{ id: tenant.teams[1].id, name: tenant.teams[1].name }],
        regions: [],
      },
      organization: {
        id: tenant.organizationId,
        name: expect.stringMatching(/^Org /),
        currency: 'EUR',
        timeZone: 'Europe/Amsterdam',
        fiscalYearStartMonth: 1,
        leaderboardEnabled: false,
        gaugeStyle: 'gauge',
      },
      preferences: { gaugeStyle: null },
      twoFactor: { enabled: false, required: false },
    })
  })

  test("an admin's /api/me lists every active team of their organisation by name, for the scope picker", async () => {
    // A third team, inactive: not offered. The other organisation's team: never.
    await database.pool.query(
      `INSERT INTO teams (organization_id, name, active) VALUES ($1, 'Aardvarks (closed)', FALSE)`,
      [tenant.organizationId],
    )
    const response = await getMe((await loginAs(baseUrl, tenant.admin.email)).headers)
    const { user } = (await response.json()) as {
      user: { managedTeams: unknown[]; teams: { id: number; name: string }[] }
    }
    expect(user.managedTeams).toEqual([])
    expect(user.teams).toEqual(
      tenant.teams.map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    )
  })

  test('GET /api/me without a session is a 401 that hands out a CSRF cookie for the login form', async () => {
    const response = await getMe()
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ error: 'unauthorized', message: 'sign in first' })
    expect(parseSetCookies(response.headers.getSetCookie())['kpi_csrf']).toMatch(/^[\w-]{43}$/)
  })

  test('an unknown or malformed session token is a 401', async () => {
    for (const cookie of ['kpi_session=not-a-session', 'kpi_session=', 'kpi_session=%%%']) {
      expect((await getMe({ cookie })).status).toBe(401)
    }
  })

  test('logout ends the session: the same cookie is a 401 afterwards, and the cookies are cleared', async () => {
    const session = await loginAs(baseUrl, tenant.teams[0].reps[1].email)
    expect((await getMe(session.headers)).status).toBe(200)
    const response = await post('/api/auth/logout', {}, session.headers)
    expect(response.status).toBe(204)
    const cleared = response.headers.getSetCookie()
    expect(cleared.some((line) => /^kpi_session=;.*Expires=Thu, 01 Jan 1970/.test(line))).toBe(true)
    expect((await getMe(session.headers)).status).toBe(401)
  })

  test('an expired session is a 401 (idle timeout is enforced by the database row)', async () => {
    const session = await loginAs(baseUrl, tenant.teams[0].reps[1].email)
    await database.pool.query(`UPDATE sessions SET expires_at = now() - INTERVAL '1 second'`)
    expect((await getMe(session.headers)).status).toBe(401)
  })

  test('login replaces a pre-set session cookie (no session fixation)', async () => {
    // The attacker's own valid session, planted in the victim's browser.
    const planted = await loginAs(baseUrl, tenant.teams[0].reps[0].email)
    const victim = tenant.teams[0].manager
    const response = await post(
      '/api/auth/login',
      { email: victim.email, password: tenant.password },
      { ...csrfHeaders(), cookie: `kpi_session=${planted.sessionToken}; kpi_csrf=test-csrf-token` },
    )
    expect(response.status).toBe(200)
    const issued = parseSetCookies(response.headers.getSetCookie())['kpi_session']
    expect(issued).toBeDefined()
    expect(issued).not.toBe(planted.sessionToken)
    // The planted token no longer works at all; the new one belongs to the victim.
    expect((await getMe({ cookie: `kpi_session=${planted.sessionToken}` })).status).toBe(401)
    const me = await getMe({ cookie: `kpi_session=${issued}` })
    expect(((await me.json()) as { user: { id: number } }).user.id).toBe(victim.id)
  })

  test('the session row stores only the sha256 of the token', async () => {
    const session = await loginAs(baseUrl, tenant.admin.email)
    const { rows } = await database.pool.query<{ id: string }>(
      `SELECT id FROM sessions WHERE id = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
      [session.sessionToken],
    )
    expect(rows).toHaveLength(1)
    const raw = await database.pool.query('SELECT 1 FROM sessions WHERE id = $1', [session.sessionToken])
    expect(raw.rows).toHaveLength(0)
  })
})

describe('CSRF', () => {
  const valid = () => ({ email: tenant.admin.email, password: tenant.password })

  test.each([
    { name: 'no token at all', headers: {} },
    { name: 'a cookie but no header', headers: { cookie: 'kpi_csrf=abc' } },
    { name: 'a header but no cookie', headers: { 'x-csrf-token': 'abc' } },
    { name: 'a header that does not match the cookie', headers: { cookie: 'kpi_csrf=abc', 'x-csrf-token': 'abd' } },
    { name: 'a cross-site Origin', headers: { ...csrfHeaders(), origin: 'https://evil.example' } },
    { name: 'Origin null (sandboxed frame)', headers: { ...csrfHeaders(), origin: 'null' } },
    // Issue 14 F16: the same host over the other scheme is another origin (http://host cannot speak for https://host).
    {
      name: 'the same host over https',
      headers: () => ({ ...csrfHeaders(), origin: baseUrl.replace('http:', 'https:') }),
    },
    { name: 'Sec-Fetch-Site cross-site', headers: { ...csrfHeaders(), 'sec-fetch-site': 'cross-site' } },
  ])('login with $name is a 403 csrf_failed', async ({ headers }) => {
    const sent = typeof headers === 'function' ? headers() : headers
    const response = await post('/api/auth/login', valid(), sent as Record<string, string>)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({ error: 'csrf_failed', message: expect.any(String) })
    expect(response.headers.getSetCookie().some((line) => line.startsWith('kpi_session='))).toBe(false)
  })

  test('a same-origin Origin and Sec-Fetch-Site pass', async () => {
    const response = await post('/api/auth/login', valid(), {
      ...csrfHeaders(),
      origin: baseUrl,
      'sec-fetch-site': 'same-origin',
    })
    expect(response.status).toBe(200)
  })

  test('a signed-in request without the CSRF header is refused and changes nothing', async () => {
    const session = await loginAs(baseUrl, tenant.admin.email)
    const response = await post('/api/teams', { name: 'Sneaky' }, { cookie: session.headers.cookie })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ error: 'csrf_failed' })
    const { rows } = await database.pool.query(`SELECT 1 FROM teams WHERE name = 'Sneaky'`)
    expect(rows).toHaveLength(0)
  })
})

describe('security headers', () => {
  test.each(['/api/health', '/api/me', '/api/nothing-here', '/'])('%s carries them', async (path) => {
    const response = await fetch(`${baseUrl}${path}`)
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('same-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('strict-transport-security')).toBeNull() // production only
  })
})
