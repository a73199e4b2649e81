import type { TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { App } from '../../app.ts'
import { recordTestKit } from '../../records/record-test-kit.ts'
import { csrfHeaders } from '../../testing/login-as.ts'
import type { Tenant } from '../../testing/seed-tenant.ts'

// F11: one email may have accounts in several organisations (a consultant working for two customers). Sign-in finds
// the account by email and password; when the same password opens more than one, the client must choose the
// organisation (docs/decisions/0012-emails-unique-per-organisation.md).

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

/** A copy of `userId` (same email and password hash) in the other organisation; its id. */
async function twinInOtherOrganisation(userId: number, active = true): Promise<number> {
  const { rows } = await database.pool.query<{ id: number }>(
    `INSERT INTO users (organization_id, email, name, role, password_hash, active, updated_at)
     SELECT $2, email, name || ' (other)', 'REP', password_hash, $3, now() FROM users WHERE id = $1
     RETURNING id`,
    [userId, tenant.other.organizationId, active],
  )
  return rows[0]!.id
}

function login(body: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/auth/login', headers: csrfHeaders(), payload: body })
}

async function organisationOf(response: Awaited<ReturnType<typeof login>>) {
  const raw = response.headers['set-cookie'] ?? []
  const cookie = (Array.isArray(raw) ? raw : [raw]).map((line) => line.split(';')[0]).join('; ')
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })
  return (me.json() as { organization: { id: number } }).organization.id
}

test('the same email and password in two organisations: 409 naming body.organizationId and both organisations, no session', async () => {
  const { email } = tenant.teams[0].reps[1]
  await twinInOtherOrganisation(tenant.teams[0].reps[1].id)
  const response = await login({ email, password: tenant.password })
  expect(response.statusCode).toBe(409)
  expect(response.json()).toEqual({
    error: 'conflict',
    message: 'this email and password open accounts in 2 organisations; send organizationId to choose one',
    field: 'body.organizationId',
    organizations: [
      { id: tenant.organizationId, name: expect.stringMatching(/^Org /) },
      { id: tenant.other.organizationId, name: expect.stringMatching(/^Org /) },
    ],
  })
  expect(response.headers['set-cookie']).toBeUndefined()

  for (const organizationId of [tenant.organizationId, tenant.other.organizationId]) {
    const chosen = await login({ email, password: tenant.password, organizationId })
    expect(chosen.statusCode).toBe(200)
    expect(await organisationOf(chosen)).toBe(organizationId)
  }
})

test('an organisation where the email has no account answers like a wrong password', async () => {
  const response = await login({
    email: tenant.teams[1].reps[1].email,
    password: tenant.password,
    organizationId: tenant.other.organizationId,
  })
  expect(response.statusCode).toBe(401)
  expect(response.json()).toEqual({ error: 'unauthorized', message: 'email or password is wrong' })
})

test('a deactivated twin does not make the sign-in ambiguous', async () => {
  const { email } = tenant.teams[1].reps[0]
  await twinInOtherOrganisation(tenant.teams[1].reps[0].id, false)
  const response = await login({ email, password: tenant.password })
  expect(response.statusCode).toBe(200)
  expect(await organisationOf(response)).toBe(tenant.organizationId)
})

test('a malformed organizationId is a 400 naming body.organizationId', async () => {
  const response = await login({ email: tenant.admin.email, password: tenant.password, organizationId: 'acme' })
  expect(response.statusCode).toBe(400)
  expect(response.json()).toMatchObject({ error: 'validation_failed', field: 'body.organizationId' })
})
