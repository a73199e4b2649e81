import { describe, expect, test } from 'vitest'
import { useApp, withTenantPerTest } from '../settings/config-test-kit.ts'
import { loginAs } from '../../testing/login-as.ts'

// An organisation per test: tests rename, move and deactivate, and none may see what another left behind.
const kit = withTenantPerTest(useApp())

const teamOut = (index: 0 | 1) => ({
  id: kit.tenant.teams[index].id,
  name: kit.tenant.teams[index].name,
  managerId: kit.tenant.teams[index].manager.id,
  regionId: null,
  active: true,
  version: 1,
})

describe('GET /api/teams', () => {
  test.each([
    { who: 'admin', email: () => kit.tenant.admin.email, expected: () => [teamOut(0), teamOut(1)] },
    { who: 'manager of team 2', email: () => kit.tenant.teams[1].manager.email, expected: () => [teamOut(1)] },
    { who: 'rep of team 1', email: () => kit.tenant.teams[0].reps[0].email, expected: () => [teamOut(0)] },
  ])('the $who sees their teams', async ({ email, expected }) => {
    const session = await loginAs(kit.app, email())
    const response = await kit.app.inject({ method: 'GET', url: '/api/teams', headers: session.headers })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ teams: expected() })
  })
})

describe('POST /api/teams', () => {
  test('creates a team with a manager and audits it', async () => {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: kit.admin.headers,
      payload: { name: 'Enterprise', managerId: kit.tenant.teams[0].manager.id },
    })
    expect(response.statusCode).toBe(201)
    const { team } = response.json()
    expect(team).toEqual({
      id: expect.any(Number),
      name: 'Enterprise',
      managerId: kit.tenant.teams[0].manager.id,
      regionId: null,
      active: true,
      version: 1,
    })
    const { rows } = await kit.db.pool.query(
      `SELECT actor_id, action, before, after FROM audit_log WHERE entity = 'team' AND entity_id = $1`,
      [String(team.id)],
    )
    expect(rows).toEqual([{ actor_id: kit.tenant.admin.id, action: 'team.created', before: null, after: team }])
    // The manager now manages two teams, and their next request knows it.
    const manager = await loginAs(kit.app, kit.tenant.teams[0].manager.email)
    const me = await kit.app.inject({ method: 'GET', url: '/api/me', headers: manager.headers })
    expect(me.json().user.managedTeams.map((t: { id: number }) => t.id)).toEqual([kit.tenant.teams[0].id, team.id])
  })

  test.each([
    { name: 'an empty name', payload: () => ({ name: '' }), field: 'body.name' },
    {
      name: 'a rep as manager',
      payload: () => ({ name: 'X1', managerId: kit.tenant.teams[0].reps[0].id }),
      field: 'body.managerId',
    },
    {
      name: 'a manager of another organisation',
      payload: () => ({ name: 'X2', managerId: kit.tenant.other.admin.id }),
      field: 'body.managerId',
    },
  ])('$name is a 400 naming $field', async ({ payload, field }) => {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: kit.admin.headers,
      payload: payload(),
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', message: expect.any(String), field })
  })

  test('a duplicate name is a 409 naming body.name', async () => {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: kit.admin.headers,
      payload: { name: kit.tenant.teams[0].name },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ error: 'conflict', message: 'a team with this name exists', field: 'body.name' })
  })
})

describe('PATCH /api/teams/:id', () => {
  test('renames, moves the manager, bumps the version and audits before and after', async () => {
    const team = kit.tenant.teams[1]
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, name: 'Renamed', managerId: kit.tenant.teams[0].manager.id },
    })
    expect(response.statusCode).toBe(200)
    const after = { ...teamOut(1), name: 'Renamed', managerId: kit.tenant.teams[0].manager.id, version: 2 }
    expect(response.json()).toEqual({ team: after })
    const { rows } = await kit.db.pool.query(
      `SELECT action, before, after FROM audit_log WHERE entity = 'team' AND entity_id = $1`,
      [String(team.id)],
    )
    expect(rows).toEqual([{ action: 'team.updated', before: teamOut(1), after }])
    // The old manager lost the team at once: their session now sees no team.
    const oldManager = await loginAs(kit.app, team.manager.email)
    const teams = await kit.app.inject({ method: 'GET', url: '/api/teams', headers: oldManager.headers })
    expect(teams.json()).toEqual({ teams: [] })
  })

  test('a stale version is a 409 version_conflict and changes nothing', async () => {
    const team = kit.tenant.teams[0]
    const ok = await kit.app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, active: false },
    })
    expect(ok.statusCode).toBe(200)
    const stale = await kit.app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: kit.admin.headers,
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
    const { rows } = await kit.db.pool.query('SELECT name, active, version FROM teams WHERE id = $1', [team.id])
    expect(rows[0]).toEqual({ name: team.name, active: false, version: 2 })
  })

  test.each([
    { name: 'a team of another organisation', id: () => kit.tenant.other.teamId },
    { name: 'a team that does not exist', id: () => 999_999 },
  ])('$name is a 404', async ({ id }) => {
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/teams/${id()}`,
      headers: kit.admin.headers,
      payload: { version: 1, name: 'Mine now' },
    })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ error: 'not_found' })
  })

  test('renaming onto an existing name is a 409 naming body.name', async () => {
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: kit.admin.headers,
      payload: { name: 'Spare' },
    })
    const { team } = created.json()
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, name: kit.tenant.teams[0].name },
    })
    expect(response.statusCode).toBe(409)
    // A taken name is not a stale version: the plain error shape, no `current`.
    expect(response.json()).toEqual({ error: 'conflict', message: 'a team with this name exists', field: 'body.name' })
  })
})
