import { beforeAll, describe, expect, test } from 'vitest'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { useApp } from '../settings/config-test-kit.ts'

// Role × scope matrix for the figure routes (dashboard and KPI detail): the admin, the manager of team A, rep A0
// (team A), nobody signed in; and with the leaderboard on, a rep looking at teammates. Another organisation's
// scopes answer 404 for everyone (no existence leak); scopes of the own organisation that are out of reach 403.

const kit = useApp()
let t: Tenant
let lb: Tenant
const as = {} as Record<'admin' | 'manager' | 'rep' | 'leaderboardRep', Session>

beforeAll(async () => {
  t = await seedTenant(kit.db.pool)
  lb = await seedTenant(kit.db.pool, { leaderboardEnabled: true })
  as.admin = await loginAs(kit.app, t.admin.email)
  as.manager = await loginAs(kit.app, t.teams[0].manager.email)
  as.rep = await loginAs(kit.app, t.teams[0].reps[0].email)
  as.leaderboardRep = await loginAs(kit.app, lb.teams[0].reps[0].email)
})

type Role = 'admin' | 'manager' | 'rep' | 'anonymous'
const scopes: { name: string; scope: () => string; expect: Record<Role, number> }[] = [
  { name: 'org', scope: () => 'org', expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 } },
  {
    name: 'team A (own)',
    scope: () => `team:${t.teams[0].id}`,
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    name: 'team B',
    scope: () => `team:${t.teams[1].id}`,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    name: 'rep A0 (self)',
    scope: () => `rep:${t.teams[0].reps[0].id}`,
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    name: 'rep A1 (teammate)',
    scope: () => `rep:${t.teams[0].reps[1].id}`,
    expect: { admin: 200, manager: 200, rep: 403, anonymous: 401 },
  },
  {
    name: 'rep B0 (other team)',
    scope: () => `rep:${t.teams[1].reps[0].id}`,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    name: "A0's customer",
    scope: () => `customer:${t.teams[0].reps[0].customerId}`,
    expect: { admin: 200, manager: 200, rep: 200, anonymous: 401 },
  },
  {
    name: "B0's customer",
    scope: () => `customer:${t.teams[1].reps[0].customerId}`,
    expect: { admin: 200, manager: 403, rep: 403, anonymous: 401 },
  },
  {
    name: 'other org team',
    scope: () => `team:${t.other.teamId}`,
    expect: { admin: 404, manager: 404, rep: 404, anonymous: 401 },
  },
  {
    name: 'other org rep',
    scope: () => `rep:${t.other.rep.id}`,
    expect: { admin: 404, manager: 404, rep: 404, anonymous: 401 },
  },
  {
    name: 'other org customer',
    scope: () => `customer:${t.other.rep.customerId}`,
    expect: { admin: 404, manager: 404, rep: 404, anonymous: 401 },
  },
  {
    name: 'a team that does not exist',
    scope: () => 'team:999999999',
    expect: { admin: 404, manager: 404, rep: 404, anonymous: 401 },
  },
]

const routes = [
  { route: 'dashboard', url: (scope: string) => `/api/dashboard?scope=${scope}&period=month&date=2026-03-10` },
  { route: 'kpi detail', url: (scope: string) => `/api/kpis/revenue.won?scope=${scope}&period=month&date=2026-03-10` },
]

const roles: Role[] = ['admin', 'manager', 'rep', 'anonymous']
const rows = routes.flatMap((r) =>
  scopes.flatMap((s) => roles.map((role) => ({ ...r, ...s, role, status: s.expect[role] }))),
)

describe('figure routes: role × scope', () => {
  test.each(rows)('$route $name as $role → $status', async ({ url, scope, role, status }) => {
    const headers = role === 'anonymous' ? {} : as[role].headers
    const response = await kit.app.inject({ url: url(scope()), headers })
    expect(response.statusCode, response.body).toBe(status)
  })

  test.each(routes)(
    '$route: with the leaderboard on, a rep sees a teammate but not another team’s rep',
    async ({ url }) => {
      const mate = await kit.app.inject({
        url: url(`rep:${lb.teams[0].reps[1].id}`),
        headers: as.leaderboardRep.headers,
      })
      expect(mate.statusCode).toBe(200)
      const other = await kit.app.inject({
        url: url(`rep:${lb.teams[1].reps[0].id}`),
        headers: as.leaderboardRep.headers,
      })
      expect(other.statusCode).toBe(403)
    },
  )

  // SPEC 6: a rep reads another rep's personal figures only where an admin turned on the team leaderboard.
  const perRepLines = async (headers: Record<string, string>, teamId: number) => {
    const response = await kit.app.inject({
      url: `/api/dashboard?scope=team:${teamId}&period=month&date=2026-03-10`,
      headers,
    })
    expect(response.statusCode, response.body).toBe(200)
    const answer = response.json<{ focusAreas: { kpis: { breakdown?: { key: string }[] }[] }[] }>()
    const lines = answer.focusAreas.flatMap((a) => a.kpis).flatMap((k) => k.breakdown ?? [])
    expect(lines.length).toBeGreaterThan(0)
    return new Set(lines.map((line) => line.key))
  }

  test("team dashboard: a rep gets only their own per-rep line; the manager and a leaderboard rep get every member's", async () => {
    const [a0, a1] = t.teams[0].reps
    expect(await perRepLines(as.rep.headers, t.teams[0].id)).toEqual(new Set([`rep:${a0.id}`]))
    expect(await perRepLines(as.manager.headers, t.teams[0].id)).toContain(`rep:${a1.id}`)
    const lbTeam = lb.teams[0]
    expect(await perRepLines(as.leaderboardRep.headers, lbTeam.id)).toEqual(
      new Set(lbTeam.reps.map((r) => `rep:${r.id}`)),
    )
  })
})
