import { verifyPassword } from '@kpi/db/passwords'
import { describe, expect, test } from 'vitest'
import { useApp, withTenantPerTest } from '../settings/config-test-kit.ts'
import { loginAs } from '../../testing/login-as.ts'

// An organisation per test: tests rename, move and deactivate, and none may see what another left behind.
const kit = withTenantPerTest(useApp())

async function auditFor(entityId: number) {
  const { rows } = await kit.db.pool.query(
    `SELECT actor_id, action, entity, entity_id, before, after FROM audit_log
      WHERE entity = 'user' AND entity_id = $1 ORDER BY id`,
    [String(entityId)],
  )
  return rows
}

describe('GET /api/users', () => {
  test('an admin sees every user of the organisation and none of the other one', async () => {
    const response = await kit.app.inject({ method: 'GET', url: '/api/users', headers: kit.admin.headers })
    expect(response.statusCode).toBe(200)
    const ids = response.json().users.map((user: { id: number }) => user.id)
    // 1 admin + 2 × (manager + 2 reps) = 7
    const expected = [
      kit.tenant.admin.id,
      ...kit.tenant.teams.flatMap((team) => [team.manager.id, ...team.reps.map((rep) => rep.id)]),
    ].sort((a, b) => a - b)
    expect(ids).toEqual(expected)
    expect(response.json().users[0]).toEqual({
      id: kit.tenant.admin.id,
      name: kit.tenant.admin.name,
      email: kit.tenant.admin.email,
      role: 'admin',
      teamId: null,
      active: true,
      signIn: true,
      twoFactorEnabled: false,
      version: 1,
    })
  })

  test('a manager sees themselves and the members of the teams they manage', async () => {
    const team = kit.tenant.teams[1]
    const manager = await loginAs(kit.app, team.manager.email)
    const response = await kit.app.inject({ method: 'GET', url: '/api/users', headers: manager.headers })
    expect(response.json().users.map((user: { id: number }) => user.id)).toEqual([
      team.manager.id,
      team.reps[0].id,
      team.reps[1].id,
    ])
  })

  test('a rep sees their own team', async () => {
    const team = kit.tenant.teams[0]
    const rep = await loginAs(kit.app, team.reps[1].email)
    const response = await kit.app.inject({ method: 'GET', url: '/api/users', headers: rep.headers })
    expect(response.json().users.map((user: { id: number }) => user.id)).toEqual([team.reps[0].id, team.reps[1].id])
  })
})

describe('POST /api/users', () => {
  test('creates a user who can sign in, lower-cases the email, stores a scrypt hash and audits without it', async () => {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: kit.admin.headers,
      payload: {
        email: 'New.Rep@Example.test',
        name: 'New Rep',
        role: 'rep',
        teamId: kit.tenant.teams[0].id,
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
      teamId: kit.tenant.teams[0].id,
      active: true,
      signIn: true,
      twoFactorEnabled: false,
      version: 1,
    })
    const { rows } = await kit.db.pool.query('SELECT password_hash FROM users WHERE id = $1', [user.id])
    expect(rows[0].password_hash).toMatch(/^scrypt\$/)
    expect(await verifyPassword('a new password', rows[0].password_hash)).toBe(true)
    await loginAs(kit.app, 'new.rep@example.test', 'a new password')

    const audit = await auditFor(user.id)
    expect(audit).toEqual([
      {
        actor_id: kit.tenant.admin.id,
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
    const rep = kit.tenant.teams[0].reps[0]
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: kit.admin.headers,
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
    const before = { ...after, name: rep.name, role: 'rep', teamId: kit.tenant.teams[0].id, version: 1 }
    expect(await auditFor(rep.id)).toEqual([
      {
        actor_id: kit.tenant.admin.id,
        action: 'user.updated',
        entity: 'user',
        entity_id: String(rep.id),
        before,
        after,
      },
    ])
  })

  test('deactivating a user ends their existing session at once', async () => {
    const rep = kit.tenant.teams[1].reps[1]
    const session = await loginAs(kit.app, rep.email)
    expect((await kit.app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(200)
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/users/${rep.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, active: false },
    })
    expect(response.json().user).toMatchObject({ active: false, version: 2 })
    expect((await kit.app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401)
    await expect(loginAs(kit.app, rep.email)).rejects.toThrow(/401/)
  })

  test('a deactivated user is refused even if a session row survived (the lookup checks users.active)', async () => {
    const rep = kit.tenant.teams[1].reps[0]
    const session = await loginAs(kit.app, rep.email)
    await kit.db.pool.query('UPDATE users SET active = FALSE WHERE id = $1', [rep.id])
    expect((await kit.app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401)
    await kit.db.pool.query('UPDATE users SET active = TRUE WHERE id = $1', [rep.id])
  })

  test('a password reset ends the sessions, the new password works and the audit says so without the hash', async () => {
    const manager = kit.tenant.teams[1].manager
    const session = await loginAs(kit.app, manager.email)
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/users/${manager.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, password: 'reset password 1' },
    })
    expect(response.statusCode).toBe(200)
    expect((await kit.app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401)
    await loginAs(kit.app, manager.email, 'reset password 1')
    const [entry] = await auditFor(manager.id)
    expect(entry.after).toMatchObject({ passwordReset: true, version: 2 })
    expect(JSON.stringify(entry)).not.toMatch(/scrypt|reset password 1/)
  })
})
