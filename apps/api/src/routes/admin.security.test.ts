import { randomBytes } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

// CSRF on the users and teams writes, and tenant isolation of their lists. Who gets which status on these
// routes is part of the access matrix for every route (access-matrix.security.test.ts). Routes are tried
// against the FIRST tenant's entities; `otherAdmin` is the admin of the second organisation.

type Actor = 'admin' | 'otherAdmin'
type Method = 'GET' | 'POST' | 'PATCH'
type Route = { method: Method; url: (t: Tenant) => string; body?: () => unknown }

let database: TestDatabase
let app: App
let tenant: Tenant
const sessions = new Map<Actor, Session>()

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: database })
  tenant = await seedTenant(database.pool)
  sessions.set('admin', await loginAs(app, tenant.admin.email))
  sessions.set('otherAdmin', await loginAs(app, tenant.other.admin.email))
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

const unique = () => randomBytes(4).toString('hex')

const routes = {
  me: { method: 'GET', url: () => '/api/me' },
  listUsers: { method: 'GET', url: () => '/api/users' },
  createUser: {
    method: 'POST',
    url: () => '/api/users',
    body: () => ({ email: `u-${unique()}@example.test`, name: 'U', role: 'rep', password: 'long enough' }),
  },
  // version 999 is stale on purpose: an admin gets through every guard and stops at the version check (409),
  // so the matrix does not change the seeded users it runs against.
  updateUser: {
    method: 'PATCH',
    url: (t) => `/api/users/${t.teams[0].reps[1].id}`,
    body: () => ({ version: 999, name: 'X' }),
  },
  listTeams: { method: 'GET', url: () => '/api/teams' },
  createTeam: { method: 'POST', url: () => '/api/teams', body: () => ({ name: `T ${unique()}` }) },
  updateTeam: { method: 'PATCH', url: (t) => `/api/teams/${t.teams[1].id}`, body: () => ({ version: 999, name: 'X' }) },
} satisfies Record<string, Route>

type RouteName = keyof typeof routes

function send(route: Route, headers: Record<string, string>) {
  const body = route.body?.()
  return app.inject({
    method: route.method,
    url: route.url(tenant),
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  })
}

describe('lists', () => {
  test('nobody outside the first organisation sees its users or teams in their lists', async () => {
    const headers = sessions.get('otherAdmin')!.headers
    const users = await app.inject({ method: 'GET', url: '/api/users', headers })
    const ids = users.json().users.map((user: { id: number }) => user.id)
    expect(ids).not.toContain(tenant.admin.id)
    expect(ids).toContain(tenant.other.rep.id)
    const teams = await app.inject({ method: 'GET', url: '/api/teams', headers })
    const teamIds = teams.json().teams.map((team: { id: number }) => team.id)
    expect(teamIds).toContain(tenant.other.teamId)
    expect(teamIds).not.toContain(tenant.teams[0].id)
    expect(teamIds).not.toContain(tenant.teams[1].id)
  })
})

describe('CSRF on every state-changing route', () => {
  const stateChanging = (Object.keys(routes) as RouteName[]).filter((name) => routes[name].method !== 'GET')
  test.each([...stateChanging, 'logout'])('%s without the x-csrf-token header → 403 csrf_failed', async (name) => {
    const admin = sessions.get('admin')!
    const route: Route =
      name === 'logout' ? { method: 'POST', url: () => '/api/auth/logout' } : routes[name as RouteName]
    const response = await send(route, { cookie: admin.headers.cookie })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toEqual({ error: 'csrf_failed', message: expect.any(String) })
  })

  test.each(stateChanging)('%s with a mismatching x-csrf-token → 403 csrf_failed', async (name) => {
    const admin = sessions.get('admin')!
    const response = await send(routes[name], { ...admin.headers, 'x-csrf-token': 'forged' })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({ error: 'csrf_failed' })
  })

  test('the refused writes changed nothing', async () => {
    const { rows } = await database.pool.query(`SELECT name FROM teams WHERE id = $1`, [tenant.teams[1].id])
    expect(rows[0].name).toBe(tenant.teams[1].name)
  })
})
