import { beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { useApp } from './config-test-kit.ts'

// Role × route × scope matrix for the configuration API. The roles: the admin, the manager of team A, rep A0
// (member of team A), and nobody signed in. Scopes: team A, team B (not theirs), rep A0 (self), rep A1
// (teammate), rep B0 (other team), and another organisation's team/rep (always 404, never 403: no existence
// leak). Every test has an organisation of its own (`t`), so a write in one never changes another's answer.

const kit = useApp()
let t: Tenant
let leaderboardRep: Session
let leaderboardTenant: Tenant

beforeAll(async () => {
  leaderboardTenant = await seedTenant(kit.db.pool, { leaderboardEnabled: true })
  leaderboardRep = await loginAs(kit.app, leaderboardTenant.teams[0].reps[0].email)
})
beforeEach(async () => {
  t = await seedTenant(kit.db.pool)
})

type Role = 'admin' | 'manager' | 'rep' | 'anonymous'
const MONTH = '2026-01-01'

/** A session of `role` in this test's organisation (anonymous: only the CSRF pair, no session). */
async function headersOf(role: Role) {
  if (role === 'anonymous') return { cookie: 'kpi_csrf=x', 'x-csrf-token': 'x' }
  const email = { admin: t.admin.email, manager: t.teams[0].manager.email, rep: t.teams[0].reps[0].email }[role]
  return (await loginAs(kit.app, email)).headers
}

type Case = {
  route: string
  method: 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST'
  url: () => string
  payload?: () => unknown
  expect: Record<Role, number>
}

const teamA = () => t.teams[0].id
const teamB = () => t.teams[1].id
const repA0 = () => t.teams[0].reps[0].id
const repA1 = () => t.teams[0].reps[1].id
const repB0 = () => t.teams[1].reps[0].id
const target = (scope: () => string) => () => ({
  targets: [{ kpiKey: 'activity.calls', scope: scope(), periodType: 'month', periodStart: MONTH, value: 10 }],
})
const copy = (scope: () => string) => () => ({ scopes: [scope()], periodType: 'month', periodStart: MONTH, count: 1 })
const threshold = { mode: 'relative', greenFrom: 100, orangeFrom: 80 }

const cases: Case[] = [
  {
    route: 'GET thresholds',
    method: 'GET',
    url: () => '/api/thresholds',
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'PUT threshold org default',
    method: 'PUT',
    url: () => '/api/thresholds/activity.calls',
    payload: () => threshold,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT threshold team A',
    method: 'PUT',
    url: () => `/api/thresholds/activity.calls/teams/${teamA()}`,
    payload: () => threshold,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT threshold other org team',
    method: 'PUT',
    url: () => `/api/thresholds/activity.calls/teams/${t.other.teamId}`,
    payload: () => threshold,
    expect: { admin: 404, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'DELETE threshold team B',
    method: 'DELETE',
    url: () => `/api/thresholds/activity.calls/teams/${teamB()}?version=1`,
    expect: { admin: 404, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET layout',
    method: 'GET',
    url: () => '/api/layout',
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'PUT layout',
    method: 'PUT',
    url: () => '/api/layout',
    payload: () => ({ version: 0, areas: [{ key: 'a', name: { en: 'A', nl: 'A' }, kpiKeys: ['leads.new'] }] }),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET settings',
    method: 'GET',
    url: () => '/api/settings',
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'PATCH settings',
    method: 'PATCH',
    url: () => '/api/settings',
    payload: () => ({ currency: 'EUR', version: 1 }),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET holidays',
    method: 'GET',
    url: () => '/api/settings/holidays',
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'PUT holidays',
    method: 'PUT',
    url: () => '/api/settings/holidays',
    payload: () => ({ holidays: [], version: 1 }),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET targets (no scope)',
    method: 'GET',
    url: () => '/api/targets',
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'GET targets org',
    method: 'GET',
    url: () => '/api/targets?scope=org',
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET targets team A',
    method: 'GET',
    url: () => `/api/targets?scope=team:${teamA()}`,
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'GET targets team B',
    method: 'GET',
    url: () => `/api/targets?scope=team:${teamB()}`,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET targets rep self',
    method: 'GET',
    url: () => `/api/targets?scope=rep:${repA0()}`,
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    route: 'GET targets rep teammate (no leaderboard)',
    method: 'GET',
    url: () => `/api/targets?scope=rep:${repA1()}`,
    expect: { admin: 200, manager: 200, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET targets rep other team',
    method: 'GET',
    url: () => `/api/targets?scope=rep:${repB0()}`,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'GET targets other org team',
    method: 'GET',
    url: () => `/api/targets?scope=team:${t.other.teamId}`,
    expect: { admin: 404, manager: 404, rep: 404, anonymous: 401 },
  },
  {
    route: 'GET targets other org rep',
    method: 'GET',
    url: () => `/api/targets?scope=rep:${t.other.rep.id}`,
    expect: { admin: 404, manager: 404, rep: 404, anonymous: 401 },
  },
  {
    route: 'PUT targets org',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => 'org'),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets team A',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `team:${teamA()}`),
    expect: { admin: 200, manager: 200, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets team B',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `team:${teamB()}`),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets rep self',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `rep:${repA0()}`),
    expect: { admin: 200, manager: 200, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets rep teammate',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `rep:${repA1()}`),
    expect: { admin: 200, manager: 200, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets rep other team',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `rep:${repB0()}`),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets customer of rep A0',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `customer:${t.teams[0].reps[0].customerId}`),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets other org team',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `team:${t.other.teamId}`),
    expect: { admin: 404, manager: 404, rep: 403, anonymous: 401 },
  },
  {
    route: 'PUT targets other org rep',
    method: 'PUT',
    url: () => '/api/targets',
    payload: target(() => `rep:${t.other.rep.id}`),
    expect: { admin: 404, manager: 404, rep: 403, anonymous: 401 },
  },
  {
    route: 'copy-forward team A',
    method: 'POST',
    url: () => '/api/targets/copy-forward',
    payload: copy(() => `team:${teamA()}`),
    expect: { admin: 200, manager: 200, rep: 403, anonymous: 401 },
  },
  {
    route: 'copy-forward team B',
    method: 'POST',
    url: () => '/api/targets/copy-forward',
    payload: copy(() => `team:${teamB()}`),
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    route: 'copy-forward other org team',
    method: 'POST',
    url: () => '/api/targets/copy-forward',
    payload: copy(() => `team:${t.other.teamId}`),
    expect: { admin: 404, manager: 404, rep: 403, anonymous: 401 },
  },
]

const roles: Role[] = ['admin', 'manager', 'rep', 'anonymous']
const rows = cases.flatMap((c) => roles.map((role) => ({ ...c, role, status: c.expect[role] })))

describe('configuration routes: role × route × scope', () => {
  test.each(rows)('$route as $role → $status', async ({ method, url, payload, role, status }) => {
    const response = await kit.app.inject({
      method,
      url: url(),
      headers: await headersOf(role),
      ...(payload ? { payload: payload() as object } : {}),
    })
    expect(response.statusCode, response.body).toBe(status)
  })
})

describe('targets of scopes the user may not edit stay untouched', () => {
  test('a manager deleting team B’s target → 403; another organisation’s target → 404', async () => {
    const put = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: await headersOf('admin'),
      payload: target(() => `team:${teamB()}`)(),
    })
    const [row] = put.json().targets
    const denied = await kit.app.inject({
      method: 'DELETE',
      url: `/api/targets/${row.id}?version=1`,
      headers: await headersOf('manager'),
    })
    expect(denied.statusCode).toBe(403)
    const otherAdmin = await loginAs(kit.app, t.other.admin.email)
    const hidden = await kit.app.inject({
      method: 'DELETE',
      url: `/api/targets/${row.id}?version=1`,
      headers: otherAdmin.headers,
    })
    expect(hidden.statusCode).toBe(404)
    expect(await kit.db.prisma.target.count({ where: { id: row.id } })).toBe(1)
  })

  test('with the leaderboard on, a rep reads a teammate’s targets but still not another team’s rep', async () => {
    const mate = leaderboardTenant.teams[0].reps[1].id
    const other = leaderboardTenant.teams[1].reps[0].id
    const ok = await kit.app.inject({ url: `/api/targets?scope=rep:${mate}`, headers: leaderboardRep.headers })
    expect(ok.statusCode).toBe(200)
    const denied = await kit.app.inject({ url: `/api/targets?scope=rep:${other}`, headers: leaderboardRep.headers })
    expect(denied.statusCode).toBe(403)
  })

  test('an unfiltered list shows a rep only their own and their team’s targets', async () => {
    // A target on every scope of this test's organisation, written here rather than by the matrix above.
    const scopes = [`team:${teamA()}`, `team:${teamB()}`, `rep:${repA0()}`, `rep:${repA1()}`, `rep:${repB0()}`, 'org']
    const put = await kit.app.inject({
      method: 'PUT',
      url: '/api/targets',
      headers: await headersOf('admin'),
      payload: {
        targets: scopes.map((scope) => ({
          kpiKey: 'activity.calls',
          scope,
          periodType: 'month',
          periodStart: MONTH,
          value: 10,
        })),
      },
    })
    expect(put.statusCode, put.body).toBe(200)
    const response = await kit.app.inject({ url: '/api/targets', headers: await headersOf('rep') })
    const listed = response.json().targets.map((x: { scope: string }) => x.scope)
    expect(listed.sort()).toEqual([`rep:${repA0()}`, `team:${teamA()}`].sort())
  })
})
