import { afterAll, beforeAll, expect, test } from 'vitest'
import type { App } from '../../app.ts'
import { recordTestKit } from '../../records/record-test-kit.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import type { Tenant } from '../../testing/seed-tenant.ts'

// F11: creating a user must not tell an admin whether an email has an account in another organisation. Emails are
// unique per organisation (docs/decisions/0012-emails-unique-per-organisation.md).

let kit: Awaited<ReturnType<typeof recordTestKit>>
let app: App
let tenant: Tenant
let admin: Session

beforeAll(async () => {
  kit = await recordTestKit()
  ;({ app, tenant } = kit)
  admin = await kit.as(tenant.admin.email)
})
afterAll(async () => {
  await kit?.[Symbol.asyncDispose]()
})

function create(email: string, password = 'a new password') {
  return app.inject({
    method: 'POST',
    url: '/api/users',
    headers: admin.headers,
    payload: { email, name: 'Consultant', role: 'rep', teamId: tenant.teams[0].id, password },
  })
}

/** The answer with what differs per user (id) left out. */
function shape(response: Awaited<ReturnType<typeof create>>) {
  const body = response.json() as { user?: Record<string, unknown> }
  return { status: response.statusCode, body: { ...body, user: { ...body.user, id: 'any', email: 'any' } } }
}

test('an email that exists in another organisation gets the same answer as a fresh one, and both sign in to their own organisation', async () => {
  const elsewhere = tenant.other.rep.email
  const taken = await create(elsewhere.toUpperCase(), 'the consultant’s password here')
  const fresh = await create('never-seen@example.test')
  expect(shape(taken)).toEqual(shape(fresh))
  expect(taken.statusCode).toBe(201)

  // Different passwords: each opens its own organisation.
  const here = await loginAs(app, elsewhere, 'the consultant’s password here')
  const there = await loginAs(app, elsewhere, tenant.password)
  const me = async (session: Session) =>
    (
      (await app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).json() as {
        organization: { id: number }
      }
    ).organization.id
  expect(await me(here)).toBe(tenant.organizationId)
  expect(await me(there)).toBe(tenant.other.organizationId)
})
