import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

let database: TestDatabase
let app: App
let tenant: Tenant
let admin: Session

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: database })
  tenant = await seedTenant(database.pool)
  admin = await loginAs(app, tenant.admin.email)
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

const valid = () => ({
  email: 'fresh@example.test',
  name: 'Fresh',
  role: 'rep',
  teamId: tenant.teams[0].id,
  password: 'long enough',
})

describe('POST /api/users validation', () => {
  test.each([
    { name: 'a missing email', change: { email: undefined }, field: 'body.email' },
    { name: 'a malformed email', change: { email: 'nope' }, field: 'body.email' },
    { name: 'an empty name', change: { name: '  ' }, field: 'body.name' },
    { name: 'an unknown role', change: { role: 'owner' }, field: 'body.role' },
    { name: 'a short password', change: { password: 'short' }, field: 'body.password' },
    { name: 'a team id that is not a number', change: { teamId: 'x' }, field: 'body.teamId' },
  ])('$name is a 400 naming $field', async ({ change, field }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...valid(), ...change },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', message: expect.any(String), field })
  })

  test.each([
    { name: 'a team that does not exist', teamId: () => 999_999 },
    { name: 'a team of another organisation', teamId: () => tenant.other.teamId },
  ])('$name is a 400 naming body.teamId', async ({ teamId }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...valid(), teamId: teamId() },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      message: expect.any(String),
      field: 'body.teamId',
    })
  })

  test('an email taken in this organisation (in any case) is a 409 naming body.email, and nothing is written', async () => {
    const before = await database.pool.query('SELECT count(*)::int AS n FROM audit_log')
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...valid(), email: tenant.teams[1].reps[0].email.toUpperCase() },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({
      error: 'conflict',
      message: 'a user with this email exists',
      field: 'body.email',
    })
    const after = await database.pool.query('SELECT count(*)::int AS n FROM audit_log')
    expect(after.rows[0].n).toBe(before.rows[0].n)
  })
})

describe('PATCH /api/users/:id errors', () => {
  test('a stale version is a 409 version_conflict and changes nothing (no row change, no audit)', async () => {
    const rep = tenant.teams[0].reps[1]
    const first = await app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: admin.headers,
      payload: { version: 1, name: 'First writer' },
    })
    expect(first.statusCode).toBe(200)
    // A second admin who loaded version 1 too.
    const second = await app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: admin.headers,
      payload: { version: 1, name: 'Second writer', active: false },
    })
    expect(second.statusCode).toBe(409)
    // `current` is the user as the first writer left it, so the admin screen can show theirs beside what was typed.
    expect(second.json()).toEqual({
      error: 'version_conflict',
      message: expect.stringContaining('version 2'),
      field: 'body.version',
      current: {
        id: rep.id,
        name: 'First writer',
        email: rep.email,
        role: 'rep',
        teamId: tenant.teams[0].id,
        active: true,
        signIn: true,
        twoFactorEnabled: false,
        version: 2,
      },
    })
    const { rows } = await database.pool.query('SELECT name, active, version FROM users WHERE id = $1', [rep.id])
    expect(rows[0]).toEqual({ name: 'First writer', active: true, version: 2 })
    const audit = await database.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'user' AND entity_id = $1`,
      [String(rep.id)],
    )
    expect(audit.rows[0].n).toBe(1)
  })

  test('concurrent updates with the same version: exactly one wins', async () => {
    const rep = tenant.teams[1].reps[0]
    const answers = await Promise.all(
      ['A', 'B', 'C'].map((name) =>
        app.inject({
          method: 'PATCH',
          url: `/api/users/${rep.id}`,
          headers: admin.headers,
          payload: { version: 1, name },
        }),
      ),
    )
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409])
    // Both losers are shown the winner's row: its name and version 2, never their own lost write.
    const winner = answers.find((answer) => answer.statusCode === 200)!.json().user
    const losers = answers.filter((answer) => answer.statusCode === 409).map((answer) => answer.json().current)
    expect(winner.version).toBe(2)
    expect(losers).toEqual([winner, winner])
  })

  test.each([
    { name: 'a user of another organisation', id: () => tenant.other.rep.id },
    { name: 'a user that does not exist', id: () => 999_999 },
  ])('$name is a 404', async ({ id }) => {
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/users/${id()}`,
      headers: admin.headers,
      payload: { version: 1, name: 'x' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: 'not_found' })
    const { rows } = await database.pool.query('SELECT name FROM users WHERE id = $1', [tenant.other.rep.id])
    expect(rows[0].name).not.toBe('x')
  })

  test.each([
    { name: 'a non-numeric id', url: '/api/users/abc', payload: { version: 1 }, field: 'params.id' },
    {
      name: 'a missing version',
      url: () => `/api/users/${tenant.teams[0].manager.id}`,
      payload: { name: 'x' },
      field: 'body.version',
    },
    {
      name: 'a negative version',
      url: () => `/api/users/${tenant.teams[0].manager.id}`,
      payload: { version: -1 },
      field: 'body.version',
    },
    {
      name: 'a team of another organisation',
      url: () => `/api/users/${tenant.teams[0].manager.id}`,
      payload: () => ({ version: 1, teamId: tenant.other.teamId }),
      field: 'body.teamId',
    },
    {
      name: 'deactivating yourself',
      url: () => `/api/users/${tenant.admin.id}`,
      payload: { version: 1, active: false },
      field: 'body.active',
    },
    {
      name: 'demoting yourself',
      url: () => `/api/users/${tenant.admin.id}`,
      payload: { version: 1, role: 'rep' },
      field: 'body.role',
    },
  ])('$name is a 400 naming $field', async ({ url, payload, field }) => {
    const response = await app.inject({
      method: 'PATCH',
      url: typeof url === 'function' ? url() : url,
      headers: admin.headers,
      payload: typeof payload === 'function' ? payload() : payload,
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', message: expect.any(String), field })
  })
})
