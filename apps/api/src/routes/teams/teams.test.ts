import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
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

const teamOut = (index: 0 | 1) => ({
  id: tenant.teams[index].id,
  name: tenant.teams[index].name,
  managerId: tenant.teams[index].manager.id,
  active: true,
  version: 1,
})

describe('GET /api/teams', () => {
  test.each([
    { who: 'admin', email: () => tenant.admin.email, expected: () => [teamOut(0), teamOut(1)] },
    { who: 'manager of team 2', email: () => tenant.teams[1].manager.email, expected: () => [teamOut(1)] },
    { who: 'rep of team 1', email: () => tenant.teams[0].reps[0].email, expected: () => [teamOut(0)] },
  ])('the $who sees their teams', async ({ email, expected }) => {
    const session = await loginAs(app, email())
    const response = await app.inject({ method: 'GET', url: '/api/teams', headers: session.headers })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ teams: expected() })
  })
})

describe('POST /api/teams', () => {
  test('creates a team with a manager and audits it', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: admin.headers,
      payload: { name: 'Enterprise', managerId: tenant.teams[0].manager.id },
    })
    expect(response.statusCode).toBe(201)
    const { team } = response.json()
    expect(team).toEqual({
      id: expect.any(Number),
      name: 'Enterprise',
      managerId: tenant.teams[0].manager.id,
      active: true,
      version: 1,
    })
    const { rows } = await database.pool.query(
      `SELECT actor_id, action, before, after FROM audit_log WHERE entity = 'team' AND entity_id = $1`,
      [String(team.id)],
    )
    expect(rows).toEqual([{ actor_id: tenant.admin.id, action: 'team.created', before: null, after: team }])
    // The manager now manages two teams, and their next request knows it.
    const manager = await loginAs(app, tenant.teams[0].manager.email)
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: manager.headers })
    expect(me.json().user.managedTeams.map((t: { id: number }) => t.id)).toEqual([tenant.teams[0].id, team.id])
  })

  test.each([
    { name: 'an empty name', payload: () => ({ name: '' }), field: 'body.name' },
    {
      name: 'a rep as manager',
      payload: () => ({ name: 'X1', managerId: tenant.teams[0].reps[0].id }),
      field: 'body.managerId',
    },
    {
      name: 'a manager of another organisation',
      payload: () => ({ name: 'X2', managerId: tenant.other.admin.id }),
      field: 'body.managerId',
    },
  ])('$name is a 400 naming $field', async ({ payload, field }) => {
    const response = await app.inject({ method: 'POST', url: '/api/teams', headers: admin.headers, payload: payload() })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: 'validation_failed', message: expect.any(String), field })
  })

  test('a duplicate name is a 409 naming body.name', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: admin.headers,
      payload: { name: tenant.teams[0].name },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ error: 'conflict', message: 'a team with this name exists', field: 'body.name' })
  })
})

describe('PATCH /api/teams/:id', () => {
  test('renames, moves the manager, bumps the version and audits before and after', async () => {
    const team = tenant.teams[1]
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: admin.headers,
      payload: { version: 1, name: 'Renamed', managerId: tenant.teams[0].manager.id },
    })
    expect(response.statusCode).toBe(200)
    const after = { ...teamOut(1), name: 'Renamed', managerId: tenant.teams[0].manager.id, version: 2 }
    expect(response.json()).toEqual({ team: after })
    const { rows } = await database.pool.query(
      `SELECT action, before, after FROM audit_log WHERE entity = 'team' AND entity_id = $1`,
      [String(team.id)],
    )
    expect(rows).toEqual([{ action: 'team.updated', before: teamOut(1), after }])
    // The old manager lost the team at once: their session now sees no team.
    const oldManager = await loginAs(app, team.manager.email)
    const teams = await app.inject({ method: 'GET', url: '/api/teams', headers: oldManager.headers })
    expect(teams.json()).toEqual({ teams: [] })
  })

  test('a stale version is a 409 version_conflict and changes nothing', async () => {
    const team = tenant.teams[0]
    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: admin.headers,
      payload: { version: 1, active: false },
    })
    expect(ok.statusCode).toBe(200)
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: admin.headers,
      payload: { version: 1, name: 'Lost update' },
    })
    expect(stale.statusCode).toBe(409)
    // `current` is the team as the first writer left it (deactivated, version 2).
    expect(stale.json()).toEqual({
      error: 'version_conflict',
      message: expect.stringContaining('version 2'),
      field: 'body.version',
      current: { ...teamOut(0), active: false, version: 2 },
    })
    const { rows } = await database.pool.query('SELECT name, active, version FROM teams WHERE id = $1', [team.id])
    expect(rows[0]).toEqual({ name: team.name, active: false, version: 2 })
  })

  test.each([
    { name: 'a team of another organisation', id: () => tenant.other.teamId },
    { name: 'a team that does not exist', id: () => 999_999 },
  ])('$name is a 404', async ({ id }) => {
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/teams/${id()}`,
      headers: admin.headers,
      payload: { version: 1, name: 'Mine now' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: 'not_found' })
  })

  test('renaming onto an existing name is a 409 naming body.name', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: admin.headers,
      payload: { name: 'Spare' },
    })
    const { team } = created.json()
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: admin.headers,
      payload: { version: 1, name: tenant.teams[0].name },
    })
    expect(response.statusCode).toBe(409)
    // A taken name is not a stale version: the plain error shape, no `current`.
    expect(response.json()).toEqual({ error: 'conflict', message: 'a team with this name exists', field: 'body.name' })
  })
})
