import type { TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { App } from '../../app.ts'
import { recordTestKit } from '../../records/record-test-kit.ts'
import { csrfHeaders, parseSetCookies } from '../../testing/login-as.ts'
import type { Tenant } from '../../testing/seed-tenant.ts'

// F12: at most 20 live sessions per user (a new one ends the least recently used), and at most 30 successful
// sign-ins per account within 15 minutes. Time passes by moving stored timestamps, never by sleeping.

let kit: Awaited<ReturnType<typeof recordTestKit>>
let database: TestDatabase
let app: App
let tenant: Tenant

beforeAll(async () => {
  kit = await recordTestKit()
  ;({ db: database, app, tenant } = kit)
})
afterAll(async () => {
  await kit?.[Symbol.asyncDispose]()
})

function login(email: string, remoteAddress = '10.1.0.1') {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: csrfHeaders(),
    payload: { email, password: tenant.password },
    remoteAddress,
  })
}

/** The session cookie of a successful login. */
async function signIn(email: string): Promise<string> {
  const response = await login(email)
  expect(response.statusCode).toBe(200)
  const raw = response.headers['set-cookie'] ?? []
  return parseSetCookies(Array.isArray(raw) ? raw : [raw])['kpi_session']!
}

async function me(token: string) {
  return (await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: `kpi_session=${token}` } })).statusCode
}

async function sessionCount(userId: number) {
  const { rows } = await database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
    [userId],
  )
  return rows[0]!.n
}

test('25 sign-ins leave 20 sessions: the first 5 are ended (401), the last 20 work', async () => {
  const rep = tenant.teams[0].reps[0]
  const tokens: string[] = []
  for (let i = 0; i < 25; i += 1) tokens.push(await signIn(rep.email))
  expect(await sessionCount(rep.id)).toBe(20)
  for (const token of tokens.slice(0, 5)) expect(await me(token)).toBe(401)
  for (const token of tokens.slice(5)) expect(await me(token)).toBe(200)
})

test('the session ended is the least recently used one, not simply the oldest', async () => {
  const rep = tenant.teams[0].reps[1]
  const tokens: string[] = []
  for (let i = 0; i < 20; i += 1) tokens.push(await signIn(rep.email))
  // Two hours pass; only the first session is used meanwhile (using it slides its expiry to 8 h from now).
  await database.pool.query(
    `UPDATE sessions SET created_at = created_at - INTERVAL '2 hours', expires_at = expires_at - INTERVAL '2 hours'
      WHERE user_id = $1`,
    [rep.id],
  )
  expect(await me(tokens[0]!)).toBe(200)
  await signIn(rep.email)
  expect(await me(tokens[0]!)).toBe(200) // the oldest, but used a moment ago
  expect(await me(tokens[1]!)).toBe(401) // unused for longest
  expect(await sessionCount(rep.id)).toBe(20)
})

test('the 31st successful sign-in within 15 minutes is a 429 with Retry-After; other accounts are not affected', async () => {
  const manager = tenant.teams[1].manager
  for (let i = 0; i < 30; i += 1) expect((await login(manager.email, `10.1.1.${i}`)).statusCode).toBe(200)
  const blocked = await login(manager.email, '10.1.2.1')
  expect(blocked.statusCode).toBe(429)
  // The oldest of the 30 sign-ins leaves the 15-minute window (900 s) first; it is a few seconds old.
  expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(850)
  expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900)
  expect(blocked.json()).toEqual({
    error: 'too_many_requests',
    message: expect.stringMatching(/^too many sign-ins for this account; try again in \d+ s \(at .+Z\)$/),
  })
  expect(blocked.headers['set-cookie']).toBeUndefined()
  expect((await login(tenant.teams[1].reps[0].email, '10.1.2.1')).statusCode).toBe(200)
  // 15 minutes later the account may sign in again.
  await database.pool.query(
    `UPDATE login_successes SET created_at = created_at - INTERVAL '15 minutes' WHERE email = $1`,
    [manager.email],
  )
  expect((await login(manager.email, '10.1.2.1')).statusCode).toBe(200)
})
