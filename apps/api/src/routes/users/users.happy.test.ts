import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { verifyPassword } from '@kpi/db/passwords'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
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
})

// An organisation per test: tests rename, move and deactivate, and none may see what another left behind.
beforeEach(async () => {
  tenant = await seedTenant(database.pool)
  admin = await loginAs(app, tenant.admin.email)
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

async function auditFor(entityId: number) {
  const { rows } = await database.pool.query(
    `SELECT actor_id, action, entity, entity_id, before, after FROM audit_log
      WHERE entity = 'user' AND entity_id = $1 ORDER BY id`,
    [String(entityId)],
  )
  return rows
}

describe('GET /api/users', () => {
  test('an admin sees every user of the organisation and none of the other one', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })
    expect(response.statusCode).toBe(200)
    const ids = response.json().users.map((user: { id: number }) => user.id)
    // 1 admin + 2 × (manager + 2 reps) = 7
    const expected = [
      tenant.admin.id,
      ...tenant.teams.flatMap((team) => [team.manager.id, ...team.reps.map((rep) => rep.id)]),
    ].sort((a, b) => a - b)
    expect(ids).toEqual(expected)
    expect(response.json().users[0]).toEqual({
      id: tenant.admin.id,
      name: tenant.admin.name,
      email: tenant.admin.email,
      role: 'admin',
      teamId: null,
      active: true,
      signIn: true,
      twoFactorEnabled: false,
      version: 1,
    })
  })

  test('a manager sees themselves and the members of the teams they manage', async () => {
    const team = tenant.teams[1]
    const manager = await loginAs(app, team.manager.email)
    const response = await app.inject({ method: 'GET', url: '/api/users', headers: manager.headers })
    expect(response.json().users.map((user: { id: number }) => user.id)).toEqual([
      team.manager.id,
      team.reps[0].id,
      team.reps[1].id,
    ])
  })

  test('a rep sees their own team', async () => {
    const team = tenant.teams[0]
    const rep = await loginAs(app, team.reps[1].email)
    const response = await app.inject({ method: 'GET', url: '/api/users', headers: rep.headers })
    expect(response.json().users.map((user: { id: number }) => user.id)).toEqual([team.reps[0].id, team.reps[1].id])
  })
})

describe('POST /api/users', () => {
  test('creates a user who can sign in, lower-cases the email, stores a scrypt hash and audits without it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: {
        email: 'New.Rep@Example.test',
        name: 'New Rep',
        role: 'rep',
        teamId: tenant.teams[0].id,
        password: 'a new password',
      },
    })
    expect(response.statusCode).toBe(201)
    const { user } = response.json()
    expect(user).toEqual({
      id: expect.any(Number),
      name: 'New Rep',
      email: 'new.rep@example.test',
      role: 'rep',
      teamId: tenant.teams[0].id,
      active: true,
      signIn: true,
      twoFactorEnabled: false,
      version: 1,
    })
    const { rows } = await database.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id])
    expect(rows[0].password_hash).toMatch(/^scrypt\$/)
    expect(await verifyPassword('a new password', rows[0].password_hash)).toBe(true)
    await loginAs(app, 'new.rep@example.test', 'a new password')

    const audit = await auditFor(user.id)
    expect(audit).toEqual([
      {
        actor_id: tenant.admin.id,
        action: 'user.created',
        entity: 'user',
        entity_id: String(user.id),
        before: null,
        after: user,
      },
    ])
    expect(JSON.stringify(audit)).not.toMatch(/scrypt|password/i)
  })
})

describe('PATCH /api/users/:id', () => {
  test('changes name, role and team, bumps the version and audits before and after', async () => {
    const rep = tenant.teams[0].reps[0]
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: admin.headers,
      payload: { version: 1, name: 'Promoted', role: 'manager', teamId: null },
    })
    expect(response.statusCode).toBe(200)
    const after = {
      id: rep.id,
      name: 'Promoted',
      email: rep.email,
      role: 'manager',
      teamId: null,
      active: true,
      signIn: true,
      twoFactorEnabled: false,
      version: 2,
    }
    expect(response.json()).toEqual({ user: after })
    const before = { ...after, name: rep.name, role: 'rep', teamId: tenant.teams[0].id, version: 1 }
    expect(await auditFor(rep.id)).toEqual([
      { actor_id: tenant.admin.id, action: 'user.updated', entity: 'user', entity_id: String(rep.id), before, after },
    ])
  })

  test('deactivating a user ends their existing session at once', async () => {
    const rep = tenant.teams[1].reps[1]
    const session = await loginAs(app, rep.email)
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(200)
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: admin.headers,
      payload: { version: 1, active: false },
    })
    expect(response.json().user).toMatchObject({ active: false, version: 2 })
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401)
    await expect(loginAs(app, rep.email)).rejects.toThrow(/401/)
  })

  test('a deactivated user is refused even if a session row survived (the lookup checks users.active)', async () => {
    const rep = tenant.teams[1].reps[0]
    const session = await loginAs(app, rep.email)
    await database.pool.query('UPDATE users SET active = FALSE WHERE id = $1', [rep.id])
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401)
    await database.pool.query('UPDATE users SET active = TRUE WHERE id = $1', [rep.id])
  })

  test('a password reset ends the sessions, the new password works and the audit says so without the hash', async () => {
    const manager = tenant.teams[1].manager
    const session = await loginAs(app, manager.email)
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/users/${manager.id}`,
      headers: admin.headers,
      payload: { version: 1, password: 'reset password 1' },
    })
    expect(response.statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401)
    await loginAs(app, manager.email, 'reset password 1')
    const [entry] = await auditFor(manager.id)
    expect(entry.after).toMatchObject({ passwordReset: true, version: 2 })
    expect(JSON.stringify(entry)).not.toMatch(/scrypt|reset password 1/)
  })
})
