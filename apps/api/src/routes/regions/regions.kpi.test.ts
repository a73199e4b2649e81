/**
 * A region end to end through the API, hand-computed. Two regions, three teams (decision 0034):
 *   West = Team 1 + Team 2, East = Team 3. Won in March 2026 (a finished month, so targets are not pro-rated):
 *   Team 1: rep1a 1 000 + rep1b 2 000 = 3 000;  Team 2: rep2a 4 000;  Team 3 (deal owned by rep2b, booked on
 *   Team 3): 8 000.  West = 3 000 + 4 000 = 7 000;  East = 8 000;  organisation = 15 000.
 * Thresholds on revenue.won (relative, percent of target): org green 100 / orange 60; West 70 / 50; Team 1 50 / 40.
 *   West target 10 000 → 70 %: org rules → orange, West's override → green.
 *   Team 1 target 5 000 → 60 %: West's override (Team 1 is in West) → orange, Team 1's own override → green.
 */
import { describe, expect, test } from 'vitest'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { useApp } from '../settings/config-test-kit.ts'

const kit = useApp()
const march = 'period=month&date=2026-03-10'

type Card = { key: string; value: { kind: string; value?: number }; status: string; breakdown?: { key: string }[] }
type Fixture = { tenant: Tenant; admin: Session; west: number; east: number; team3: number }

async function call(as: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  return kit.app.inject({ method, url, headers: as.headers, ...(payload ? { payload } : {}) })
}

async function setUp(): Promise<Fixture> {
  const tenant = await seedTenant(kit.db.pool)
  const admin = await loginAs(kit.app, tenant.admin.email)
  const [t1, t2] = tenant.teams
  const { rows } = await kit.db.pool.query<{ id: number }>(
    `INSERT INTO teams (organization_id, name) VALUES ($1, 'Team 3') RETURNING id`,
    [tenant.organizationId],
  )
  const team3 = rows[0]!.id
  const west = (await call(admin, 'POST', '/api/regions', { name: 'West', managerId: t1.manager.id })).json().region
  const east = (await call(admin, 'POST', '/api/regions', { name: 'East' })).json().region
  for (const [team, region] of [
    [t1.id, west.id],
    [t2.id, west.id],
    [team3, east.id],
  ]) {
    const response = await call(admin, 'PATCH', `/api/teams/${team}`, { version: 1, regionId: region })
    expect(response.statusCode).toBe(200)
  }
  const deal = (owner: number, team: number, amount: number, day: string) =>
    kit.db.pool.query(
      `INSERT INTO deals (organization_id, name, owner_id, team_id, type, stage, probability, status, amount,
                          created_at, closed_at)
       VALUES ($1, 'deal', $2, $3, 'NEW_BUSINESS', 'won', 100, 'WON', $4, '2026-02-01T10:00Z', $5)`,
      [tenant.organizationId, owner, team, amount, `2026-03-${day}T10:00Z`],
    )
  await deal(t1.reps[0].id, t1.id, 1000, '03')
  await deal(t1.reps[1].id, t1.id, 2000, '04')
  await deal(t2.reps[0].id, t2.id, 4000, '05')
  await deal(t2.reps[1].id, team3, 8000, '06')
  return { tenant, admin, west: west.id, east: east.id, team3 }
}

async function revenueCard(as: Session, scope: string): Promise<Card> {
  const response = await call(as, 'GET', `/api/dashboard?scope=${scope}&${march}`)
  expect(response.statusCode, response.body).toBe(200)
  const cards: Card[] = response.json().focusAreas.flatMap((a: { kpis: Card[] }) => a.kpis)
  return cards.find((c) => c.key === 'revenue.won')!
}

const threshold = (greenFrom: number, orangeFrom: number) => ({ mode: 'relative', greenFrom, orangeFrom })

describe('a region is the sum of its teams', () => {
  test("won revenue of West = Team 1 + Team 2, East = Team 3, and West's board lists its teams' reps", async () => {
    const { admin, west, east, tenant } = await setUp()
    const westCard = await revenueCard(admin, `region:${west}`)
    expect(westCard.value).toEqual({ kind: 'value', value: 7000 })
    expect((await revenueCard(admin, `region:${east}`)).value).toEqual({ kind: 'value', value: 8000 })
    expect((await revenueCard(admin, 'org')).value).toEqual({ kind: 'value', value: 15000 })
    const reps = [...tenant.teams[0].reps, ...tenant.teams[1].reps].map((r) => `rep:${r.id}`)
    expect(westCard.breakdown?.map((line) => line.key).sort()).toEqual(expect.arrayContaining(reps.sort()))
  })

  test("a region's target and threshold override set its status; a team's override beats its region's", async () => {
    const { admin, west, tenant } = await setUp()
    const team1 = tenant.teams[0].id
    const target = (scope: string, value: number) => ({
      kpiKey: 'revenue.won',
      scope,
      periodType: 'month',
      periodStart: '2026-03-01',
      value,
    })
    const saved = await call(admin, 'PUT', '/api/targets', {
      targets: [target(`region:${west}`, 10000), target(`team:${team1}`, 5000)],
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect((await call(admin, 'PUT', '/api/thresholds/revenue.won', threshold(100, 60))).statusCode).toBe(200)
    // 7 000 of 10 000 = 70 %: orange by the organisation's rules.
    expect((await revenueCard(admin, `region:${west}`)).status).toBe('orange')

    const regional = await call(admin, 'PUT', `/api/thresholds/revenue.won/regions/${west}`, threshold(70, 50))
    expect(regional.statusCode, regional.body).toBe(200)
    expect(regional.json()).toMatchObject({ scope: `region:${west}`, regionId: west, teamId: null })
    expect((await revenueCard(admin, `region:${west}`)).status).toBe('green')
    // Team 1: 3 000 of 5 000 = 60 %: West's rules (its region) make it orange…
    expect((await revenueCard(admin, `team:${team1}`)).status).toBe('orange')
    // …and its own override, nearer than the region's, makes it green.
    expect((await call(admin, 'PUT', `/api/thresholds/revenue.won/teams/${team1}`, threshold(50, 40))).statusCode).toBe(
      200,
    )
    expect((await revenueCard(admin, `team:${team1}`)).status).toBe('green')

    const list = (await call(admin, 'GET', '/api/thresholds')).json().thresholds
    const revenue = list.find((t: { kpiKey: string }) => t.kpiKey === 'revenue.won')
    expect(revenue.regionOverrides.map((o: { scope: string }) => o.scope)).toEqual([`region:${west}`])
    expect(revenue.teamOverrides.map((o: { scope: string }) => o.scope)).toEqual([`team:${team1}`])
  })
})

describe('who sees a region', () => {
  test.each([
    { who: "West's manager (manages Team 1 too)", as: (t: Tenant) => t.teams[0].manager.email, status: 200 },
    {
      who: 'the manager of Team 2 (in West, but not its manager)',
      as: (t: Tenant) => t.teams[1].manager.email,
      status: 403,
    },
    { who: 'a rep of Team 1', as: (t: Tenant) => t.teams[0].reps[0].email, status: 403 },
    { who: "another organisation's admin", as: (t: Tenant) => t.other.admin.email, status: 404 },
  ])('$who: GET region:West answers $status', async ({ as, status }) => {
    const { tenant, west } = await setUp()
    const session = await loginAs(kit.app, as(tenant))
    const response = await call(session, 'GET', `/api/dashboard?scope=region:${west}&${march}`)
    expect(response.statusCode).toBe(status)
  })

  test('the region list: admins all, a manager the regions they manage, reps none', async () => {
    const { tenant, admin, west, east } = await setUp()
    const names = async (as: Session) =>
      (await call(as, 'GET', '/api/regions')).json().regions.map((r: { id: number }) => r.id)
    expect(await names(admin)).toEqual([east, west]) // by name: East, West
    expect(await names(await loginAs(kit.app, tenant.teams[0].manager.email))).toEqual([west])
    expect(await names(await loginAs(kit.app, tenant.teams[1].manager.email))).toEqual([])
    expect(await names(await loginAs(kit.app, tenant.teams[0].reps[0].email))).toEqual([])
  })

  test("West's manager sets West's target, not East's", async () => {
    const { tenant, west, east } = await setUp()
    const manager = await loginAs(kit.app, tenant.teams[0].manager.email)
    const row = (scope: string) => ({
      targets: [{ kpiKey: 'revenue.won', scope, periodType: 'month', periodStart: '2026-03-01', value: 1 }],
    })
    expect((await call(manager, 'PUT', '/api/targets', row(`region:${west}`))).statusCode).toBe(200)
    expect((await call(manager, 'PUT', '/api/targets', row(`region:${east}`))).statusCode).toBe(403)
  })
})

describe('managing regions', () => {
  test('a name taken in another case is a 409 naming body.name; a stale delete is a 409 and deletes nothing', async () => {
    const { admin, west } = await setUp()
    const taken = await call(admin, 'POST', '/api/regions', { name: 'WEST' })
    expect(taken.statusCode).toBe(409)
    expect(taken.json()).toEqual({ error: 'conflict', message: 'a region with this name exists', field: 'body.name' })
    const stale = await kit.app.inject({
      method: 'DELETE',
      url: `/api/regions/${west}?version=2`,
      headers: admin.headers,
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ error: 'version_conflict', current: { id: west, name: 'West', version: 1 } })
  })

  test("deleting West keeps its teams (without a region) and removes West's targets and overrides", async () => {
    const { admin, west, tenant } = await setUp()
    const target = { kpiKey: 'revenue.won', scope: `region:${west}`, periodType: 'month', periodStart: '2026-03-01' }
    expect((await call(admin, 'PUT', '/api/targets', { targets: [{ ...target, value: 1 }] })).statusCode).toBe(200)
    expect(
      (await call(admin, 'PUT', `/api/thresholds/revenue.won/regions/${west}`, threshold(70, 50))).statusCode,
    ).toBe(200)
    const deleted = await kit.app.inject({
      method: 'DELETE',
      url: `/api/regions/${west}?version=1`,
      headers: admin.headers,
    })
    expect(deleted.statusCode).toBe(204)
    const { rows } = await kit.db.pool.query(
      `SELECT (SELECT count(*)::int FROM teams WHERE id = ANY($1::int[]) AND region_id IS NULL) AS teams_left,
              (SELECT count(*)::int FROM targets WHERE region_id = $2) AS targets,
              (SELECT count(*)::int FROM thresholds WHERE region_id = $2) AS thresholds`,
      [tenant.teams.map((t) => t.id), west],
    )
    expect(rows).toEqual([{ teams_left: 2, targets: 0, thresholds: 0 }])
  })
})
