import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { csrfHeaders } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// The login rate limit (auth/login-limit.db.ts): per account, 5 failures in a row are free and each further one
// doubles the wait (1 s, 2 s, 4 s … at most 15 minutes); per address, 20 failures within 15 minutes.
// Each test uses its own client address (inject's remoteAddress), so the per-address counts do not mix.
// Time passes by moving the stored failures into the past (explicit timestamps), never by sleeping.

let database: TestDatabase
let app: App
let tenant: Tenant

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: database })
  tenant = await seedTenant(database.pool)
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

function login(email: string, password: string, remoteAddress: string) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: csrfHeaders(),
    payload: { email, password },
    remoteAddress,
  })
}

/** Moves an account's stored failures `ms` into the past, as if that much time had gone by. */
async function age(email: string, ms: number) {
  await database.pool.query(
    `UPDATE login_failures SET created_at = created_at - make_interval(secs => $2) WHERE email = $1`,
    [email, ms / 1000],
  )
}

test('after 5 failures the next attempt waits 1 s: a 429 with Retry-After and when, even with the right password', async () => {
  const { email } = tenant.teams[0].reps[0]
  for (let i = 0; i < 5; i += 1) expect((await login(email, 'wrong', '10.0.0.1')).statusCode).toBe(401)
  // From another address too: the account limit is per account.
  const blocked = await login(email, tenant.password, '10.0.0.2')
  expect(blocked.statusCode).toBe(429)
  expect(blocked.headers['retry-after']).toBe('1')
  expect(blocked.json()).toEqual({
    error: 'too_many_requests',
    message: expect.stringMatching(
      /^too many failed sign-ins for this account; try again in 1 s \(at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)$/,
    ),
  })
  // Other accounts are not affected.
  expect((await login(tenant.teams[0].reps[1].email, tenant.password, '10.0.0.1')).statusCode).toBe(200)
  // Once the second has passed, the right password signs in.
  await age(email, 1000)
  expect((await login(email, tenant.password, '10.0.0.2')).statusCode).toBe(200)
})

test('each further failure in a row doubles the wait (1 s, 2 s, 4 s …), capped at 15 minutes', async () => {
  const { email } = tenant.teams[0].manager
  for (let i = 0; i < 5; i += 1) expect((await login(email, 'wrong', '10.0.5.1')).statusCode).toBe(401)
  for (const waitSeconds of [1, 2, 4, 8]) {
    const blocked = await login(email, 'wrong', '10.0.5.1')
    expect(blocked.statusCode).toBe(429)
    expect(blocked.headers['retry-after']).toBe(String(waitSeconds))
    await age(email, waitSeconds * 1000)
    // The wait is over: the attempt is checked, and this failure (the 6th, 7th …) doubles the next wait.
    expect((await login(email, 'wrong', '10.0.5.1')).statusCode).toBe(401)
  }
  // 9 failures in a row → 2^(9 − 5) = 16 s.
  expect((await login(email, tenant.password, '10.0.5.1')).headers['retry-after']).toBe('16')
  // 20 failures in a row: 2^15 s would be 9 hours; the cap is 900 s.
  await database.pool.query(
    `INSERT INTO login_failures (email, ip) SELECT $1, '10.0.5.2' FROM generate_series(1, 11)`,
    [email],
  )
  expect((await login(email, tenant.password, '10.0.5.1')).headers['retry-after']).toBe('900')
  await age(email, 900_000)
  expect((await login(email, tenant.password, '10.0.5.1')).statusCode).toBe(200)
  // The success reset the count: 5 more failures are free again.
  for (let i = 0; i < 5; i += 1) expect((await login(email, 'wrong', '10.0.5.1')).statusCode).toBe(401)
  expect((await login(email, tenant.password, '10.0.5.1')).headers['retry-after']).toBe('1')
})

test('unknown emails are limited like real ones (the limit does not reveal which accounts exist)', async () => {
  for (let i = 0; i < 5; i += 1) expect((await login('ghost@example.test', 'x', '10.0.1.1')).statusCode).toBe(401)
  expect((await login('ghost@example.test', 'x', '10.0.1.1')).statusCode).toBe(429)
})

test('a successful login clears the account failures', async () => {
  const { email } = tenant.teams[1].reps[0]
  for (let i = 0; i < 4; i += 1) expect((await login(email, 'wrong', '10.0.2.1')).statusCode).toBe(401)
  expect((await login(email, tenant.password, '10.0.2.1')).statusCode).toBe(200)
  // 4 more failures: 4 < 5 because the first 4 were cleared, so the right password still works.
  for (let i = 0; i < 4; i += 1) expect((await login(email, 'wrong', '10.0.2.1')).statusCode).toBe(401)
  expect((await login(email, tenant.password, '10.0.2.1')).statusCode).toBe(200)
})

test('20 failures from one address over many accounts block that address, not others', async () => {
  // 20 different unknown emails, one failure each: no account reaches 5, the address reaches 20.
  for (let i = 0; i < 20; i += 1) expect((await login(`spray${i}@example.test`, 'x', '10.0.3.1')).statusCode).toBe(401)
  const blocked = await login(tenant.teams[1].manager.email, tenant.password, '10.0.3.1')
  expect(blocked.statusCode).toBe(429)
  // The oldest of the 20 failures leaves the 15-minute window (900 s) first; it is a few ms old.
  expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(850)
  expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900)
  expect(blocked.json()).toEqual({
    error: 'too_many_requests',
    message: expect.stringMatching(/^too many failed sign-ins from your address; try again in \d+ s \(at .+Z\)$/),
  })
  expect((await login(tenant.teams[1].manager.email, tenant.password, '10.0.3.2')).statusCode).toBe(200)
})

test('failures older than a day are forgotten: the count of failures in a row starts again', async () => {
  const { email } = tenant.teams[1].reps[1]
  for (let i = 0; i < 7; i += 1) {
    expect((await login(email, 'wrong', `10.0.4.${i}`)).statusCode).toBe(401)
    await age(email, 60_000) // each wait (at most 4 s here) is over
  }
  await age(email, 24 * 60 * 60 * 1000)
  // Had the 7 counted, this 8th failure would make the next attempt wait 2^(8 − 5) = 8 s.
  expect((await login(email, 'wrong', '10.0.4.9')).statusCode).toBe(401)
  expect((await login(email, tenant.password, '10.0.4.9')).statusCode).toBe(200)
})

test('no password is ever stored: login_failures holds only email, address and time, login_successes email and time', async () => {
  const { rows } = await database.pool.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'login_failures' ORDER BY ordinal_position`,
  )
  expect(rows.map((row) => row.column_name)).toEqual(['id', 'email', 'ip', 'created_at'])
  const successes = await database.pool.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = 'login_successes' ORDER BY ordinal_position`,
  )
  expect(successes.rows.map((row) => row.column_name)).toEqual(['id', 'email', 'created_at'])
})
