import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { csrfHeaders } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// The login rate limit: 5 failures per account and 20 per address within 15 minutes (auth/login-limit.db.ts).
// Each test uses its own client address (inject's remoteAddress), so the per-address counts do not mix.

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

test('the 6th attempt on an account after 5 failures is a 429 with Retry-After, even with the right password', async () => {
  const { email } = tenant.teams[0].reps[0]
  for (let i = 0; i < 5; i += 1) expect((await login(email, 'wrong', '10.0.0.1')).statusCode).toBe(401)
  // From another address too: the account limit is per account.
  const blocked = await login(email, tenant.password, '10.0.0.2')
  expect(blocked.statusCode).toBe(429)
  expect(blocked.json()).toEqual({ error: 'too_many_requests', message: expect.stringMatching(/try again in \d+ s/) })
  // The oldest of the 5 failures leaves the 15-minute window (900 s) first; it is a few ms old.
  const retryAfter = Number(blocked.headers['retry-after'])
  expect(retryAfter).toBeGreaterThan(850)
  expect(retryAfter).toBeLessThanOrEqual(900)
  // Other accounts are not affected.
  expect((await login(tenant.teams[0].reps[1].email, tenant.password, '10.0.0.1')).statusCode).toBe(200)
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
  expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(850)
  expect((await login(tenant.teams[1].manager.email, tenant.password, '10.0.3.2')).statusCode).toBe(200)
})

test('failures older than the window do not count', async () => {
  const { email } = tenant.teams[1].reps[1]
  for (let i = 0; i < 5; i += 1) expect((await login(email, 'wrong', '10.0.4.1')).statusCode).toBe(401)
  expect((await login(email, tenant.password, '10.0.4.1')).statusCode).toBe(429)
  await database.pool.query(
    `update login_failures set created_at = created_at - interval '16 minutes' where email = $1`,
    [email],
  )
  expect((await login(email, tenant.password, '10.0.4.1')).statusCode).toBe(200)
})

test('a failure is never logged with its password: login_failures holds only email, address and time', async () => {
  const { rows } = await database.pool.query(
    `select column_name from information_schema.columns where table_name = 'login_failures' order by ordinal_position`,
  )
  expect(rows.map((row) => row.column_name)).toEqual(['id', 'email', 'ip', 'created_at'])
})
