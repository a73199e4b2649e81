import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { verifyPassword } from '@kpi/db/passwords'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import type { OidcConfig } from '../../config.ts'
import { loginAs, parseSetCookies } from '../../testing/login-as.ts'
import {
  startOidcProvider,
  signInAtProvider,
  type ProviderAccount,
  type RunningProvider,
} from '../../testing/oidc-provider.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { freePort, testConfig } from '../../testing/test-app.ts'

// Single sign-on end to end over real HTTP: the API on a real port, a real OpenID provider (oidc-provider) on
// another, the browser's part played by fetch with redirects followed by hand and each side's cookies kept apart.

type Sso = { app: App; provider: RunningProvider; baseUrl: string; close: () => Promise<void> }

/** The API with single sign-on through a fresh provider that knows `accounts` (login → claims). */
async function startSso(
  database: TestDatabase,
  accounts: Record<string, ProviderAccount>,
  oidc: Partial<OidcConfig> = {},
): Promise<Sso> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const provider = await startOidcProvider({ redirectUri: `${baseUrl}/api/auth/oidc/callback`, accounts })
  const config = testConfig({ port, publicUrl: baseUrl, oidc: { ...provider.oidc, ...oidc } })
  const app = await buildApp({ config, store: database })
  await app.listen({ port, host: '127.0.0.1' })
  return { app, provider, baseUrl, close: async () => void (await Promise.all([app.close(), provider.close()])) }
}

/** GET /api/auth/oidc/start as a browser: where it is sent, and the flow cookie it got. */
async function start(baseUrl: string, returnTo?: string) {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`
  const response = await fetch(`${baseUrl}/api/auth/oidc/start${query}`, { redirect: 'manual' })
  expect(response.status).toBe(302)
  const lines = response.headers.getSetCookie()
  const state = parseSetCookies(lines)['kpi_oidc']!
  return { location: new URL(response.headers.get('location')!), cookie: `kpi_oidc=${state}`, state, lines }
}

/** The provider's redirect back, opened with `cookie`: where the API sends the browser, and its cookies. */
async function callback(url: URL, cookie: string | undefined) {
  const response = await fetch(url, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } })
  return {
    status: response.status,
    location: response.headers.get('location'),
    cookies: parseSetCookies(response.headers.getSetCookie()),
  }
}

/** The whole flow as `login` at the provider: start, sign in there, come back. */
async function signInAs(sso: Sso, login: string, returnTo?: string) {
  const started = await start(sso.baseUrl, returnTo)
  return callback(await signInAtProvider(started.location.href, login), started.cookie)
}

async function me(baseUrl: string, session: string | undefined) {
  const response = await fetch(`${baseUrl}/api/me`, { headers: { cookie: `kpi_session=${session ?? ''}` } })
  return { status: response.status, body: (await response.json()) as { user?: { id: number; email: string } } }
}

const verified = (email: string, name = 'Someone'): ProviderAccount => ({ email, emailVerified: true, name })

let database: TestDatabase
let tenant: Tenant
let sso: Sso
let deactivated: { id: number; email: string }

beforeAll(async () => {
  database = await createTestDatabase()
  tenant = await seedTenant(database.pool)
  // A rep who has left: deactivated by an admin, so the provider may still know them.
  deactivated = tenant.teams[1].reps[1]
  await database.pool.query('UPDATE users SET active = FALSE WHERE id = $1', [deactivated.id])
  const rep = tenant.teams[0].reps[0]
  sso = await startSso(database, {
    // The provider's spelling need not be ours: matched the way the login normalises.
    rep: verified(`  ${rep.email.toUpperCase()} `, rep.name),
    unverified: { ...verified(rep.email), emailVerified: false },
    stranger: verified('stranger@example.test'),
    deactivated: verified(deactivated.email),
  })
})

afterAll(async () => {
  await sso?.close()
  await database?.[Symbol.asyncDispose]()
})

describe('GET /api/auth/methods', () => {
  test('names the provider when single sign-on is configured', async () => {
    const response = await fetch(`${sso.baseUrl}/api/auth/methods`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ password: true, oidc: { name: 'Test ID' } })
  })
})

describe('single sign-on', () => {
  test('start redirects to the provider with state, nonce and PKCE (S256), and keeps the state in an httpOnly cookie', async () => {
    const { location, state, lines } = await start(sso.baseUrl)
    expect(location.origin).toBe(sso.provider.issuer)
    const params = Object.fromEntries(location.searchParams)
    expect(params).toMatchObject({
      client_id: 'kpi-dashboard',
      response_type: 'code',
      scope: 'openid email profile',
      redirect_uri: `${sso.baseUrl}/api/auth/oidc/callback`,
      state,
      code_challenge_method: 'S256',
    })
    expect(params['nonce']).toMatch(/^[\w-]{43}$/)
    expect(params['code_challenge']).toMatch(/^[\w-]{43}$/) // sha256, base64url
    expect(lines.find((line) => line.startsWith('kpi_oidc='))).toMatch(
      /; Max-Age=600; Path=\/api\/auth\/oidc; HttpOnly; SameSite=Lax$/,
    )
  })

  test('a verified email of an active user signs in as that user and returns to the page asked for', async () => {
    const rep = tenant.teams[0].reps[0]
    const result = await signInAs(sso, 'rep', '/kpi/deals.win_rate?period=month')
    expect(result).toMatchObject({ status: 302, location: '/kpi/deals.win_rate?period=month' })
    expect(result.cookies['kpi_csrf']).toBeTruthy()
    const answer = await me(sso.baseUrl, result.cookies['kpi_session'])
    expect(answer.status).toBe(200)
    expect(answer.body.user).toMatchObject({ id: rep.id, email: rep.email })
  })

  test('a returnTo outside this site lands on / instead (no open redirect)', async () => {
    const result = await signInAs(sso, 'rep', '//evil.example/phish')
    expect(result).toMatchObject({ status: 302, location: '/' })
  })

  test('a wrong state, or a callback without the browser’s cookie, is refused', async () => {
    const started = await start(sso.baseUrl)
    const back = await signInAtProvider(started.location.href, 'rep')
    const forged = new URL(back)
    forged.searchParams.set('state', 'x'.repeat(43))
    expect(await callback(forged, started.cookie)).toEqual({
      status: 302,
      location: '/login?sso_error=expired',
      cookies: { kpi_oidc: '' },
    })
    // Someone else's genuine callback URL opened in a browser that did not start the flow (login CSRF).
    expect(await callback(back, undefined)).toMatchObject({ location: '/login?sso_error=expired' })
    expect((await callback(back, 'kpi_oidc=someone-else')).location).toBe('/login?sso_error=expired')
  })

  test('a replayed code is refused: the same callback again, and the code under a fresh state', async () => {
    const started = await start(sso.baseUrl)
    const back = await signInAtProvider(started.location.href, 'rep')
    expect((await callback(back, started.cookie)).location).toBe('/')
    const again = await callback(back, started.cookie)
    expect(again).toMatchObject({ status: 302, location: '/login?sso_error=expired' })
    expect(again.cookies['kpi_session']).toBeUndefined()

    const fresh = await start(sso.baseUrl)
    const replay = new URL(back)
    replay.searchParams.set('state', fresh.state)
    const replayed = await callback(replay, fresh.cookie)
    expect(replayed).toMatchObject({ status: 302, location: '/login?sso_error=provider' })
    expect(replayed.cookies['kpi_session']).toBeUndefined()
  })

  test.each([
    { login: 'unverified', error: 'unverified_email', why: 'the provider does not vouch for the address' },
    { login: 'stranger', error: 'no_account', why: 'nobody here has the address (no account is created)' },
    { login: 'deactivated', error: 'no_account', why: 'the account is deactivated (same answer: nothing leaks)' },
  ])('$login is refused with $error: $why', async ({ login, error }) => {
    const users = await database.pool.query('SELECT count(*)::int AS n FROM users')
    const result = await signInAs(sso, login)
    expect(result).toMatchObject({ status: 302, location: `/login?sso_error=${error}` })
    expect(result.cookies['kpi_session']).toBeUndefined()
    expect((await database.pool.query('SELECT count(*)::int AS n FROM users')).rows).toEqual(users.rows)
  })

  test('each refusal counts as a failed sign-in from the address', async () => {
    const before = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM login_failures WHERE ip = '127.0.0.1'`,
    )
    await signInAs(sso, 'stranger')
    const after = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM login_failures WHERE ip = '127.0.0.1'`,
    )
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1)
  })
})

describe('single sign-on, other set-ups', () => {
  test('a provider that is down does not stop the API: start sends the browser back to the login page', async () => {
    const port = await freePort()
    const closed = `http://127.0.0.1:${await freePort()}`
    const oidc = { issuer: closed, clientId: 'x', clientSecret: 'y', name: 'Down', autoCreate: 'off' as const }
    const app = await buildApp({ config: testConfig({ port, oidc }), store: database })
    try {
      const response = await app.inject({ url: '/api/auth/oidc/start' })
      expect(response.statusCode).toBe(302)
      expect(response.headers.location).toBe('/login?sso_error=provider')
    } finally {
      await app.close()
    }
  })

  test('without OIDC_* the methods say so and the flow routes are 404', async () => {
    const app = await buildApp({ config: testConfig(), store: database })
    try {
      expect((await app.inject({ url: '/api/auth/methods' })).json()).toEqual({ password: true, oidc: null })
      const startAnswer = await app.inject({ url: '/api/auth/oidc/start' })
      expect(startAnswer.statusCode).toBe(404)
      expect(startAnswer.json()).toMatchObject({ error: 'not_found' })
    } finally {
      await app.close()
    }
  })

  test('an address with accounts in several organisations is refused: the password login lets one choose', async () => {
    const rep = tenant.teams[0].reps[1]
    await database.pool.query(
      `INSERT INTO users (organization_id, email, name, role, password_hash, updated_at)
       VALUES ($1, $2, 'Twin', 'REP', 'x', now())`,
      [tenant.other.organizationId, rep.email],
    )
    const twin = await startSso(database, { twin: verified(rep.email) })
    try {
      expect((await signInAs(twin, 'twin')).location).toBe('/login?sso_error=several_accounts')
    } finally {
      await twin.close()
    }
  })

  test('OIDC_AUTO_CREATE=rep with several organisations: refused, which one would it be?', async () => {
    const auto = await startSso(database, { stranger: verified('newcomer@example.test') }, { autoCreate: 'rep' })
    try {
      expect((await signInAs(auto, 'stranger')).location).toBe('/login?sso_error=no_account')
      const found = await database.pool.query(`SELECT id FROM users WHERE email = 'newcomer@example.test'`)
      expect(found.rows).toEqual([])
    } finally {
      await auto.close()
    }
  })

  test('OIDC_AUTO_CREATE=rep in the one organisation: an active rep without a team, no usable password, audited', async () => {
    await using single = await createTestDatabase()
    const { rows } = await single.pool.query<{ id: number }>(
      `INSERT INTO organizations (name, slug, updated_at) VALUES ('Solo', 'solo', now()) RETURNING id`,
    )
    const auto = await startSso(single, { ann: verified('Ann@Example.test', 'Ann Example') }, { autoCreate: 'rep' })
    try {
      const result = await signInAs(auto, 'ann')
      expect(result.location).toBe('/')
      const created = await single.pool.query(
        `SELECT id, organization_id, email, name, role::text AS role, team_id, active, password_hash FROM users`,
      )
      expect(created.rows).toEqual([
        {
          id: expect.any(Number),
          organization_id: rows[0]!.id,
          email: 'ann@example.test',
          name: 'Ann Example',
          role: 'REP',
          team_id: null,
          active: true,
          password_hash: 'sso-only',
        },
      ])
      expect(await verifyPassword('sso-only', created.rows[0].password_hash)).toBe(false)
      expect((await me(auto.baseUrl, result.cookies['kpi_session'])).body.user?.email).toBe('ann@example.test')
      const audit = await single.pool.query(`SELECT actor_id, action, entity_id FROM audit_log`)
      expect(audit.rows).toEqual([{ actor_id: null, action: 'user.created', entity_id: String(created.rows[0].id) }])
      await expect(loginAs(auto.app, 'ann@example.test', 'sso-only')).rejects.toThrow(/401/)

      // 20 failed sign-ins from this address in 15 minutes (the password login's limit) stop single sign-on too.
      await single.pool.query(
        `INSERT INTO login_failures (email, ip) SELECT 'x@example.test', '127.0.0.1' FROM generate_series(1, 20)`,
      )
      expect((await signInAs(auto, 'ann')).location).toBe('/login?sso_error=rate_limited')
    } finally {
      await auto.close()
    }
  })
})
