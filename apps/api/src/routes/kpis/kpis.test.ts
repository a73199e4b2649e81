import { beforeAll, describe, expect, test } from 'vitest'
import { tenantWithSessions, useApp, type Sessions } from '../settings/config-test-kit.ts'

// A hand-made March 2026 for team A of one tenant (Europe/Amsterdam, all instants well inside the month):
//   rep A0: won 100, 300, 200 and lost 80 in March; won 999 in February (outside the period)
//   rep A1: won 50 in March
// revenue.won for team A in March = 100 + 300 + 200 + 50 = 650; for rep A0 = 600.
// deals.win_rate for rep A0 = 3 won ÷ (3 won + 1 lost) = 75 %.

const kit = useApp()
let s: Sessions
const march = 'period=month&date=2026-03-10'

beforeAll(async () => {
  s = await tenantWithSessions(kit)
  const [a0, a1] = s.tenant.teams[0].reps
  const team = s.tenant.teams[0].id
  const deal = (owner: typeof a0, status: string, amount: number, closedAt: string) =>
    kit.db.pool.query(
      `INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                          created_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, 'NEW_BUSINESS', 'x', 100, $6, $7, '2026-01-05T10:00Z', $8)`,
      [s.tenant.organizationId, `deal ${amount}`, owner.id, team, owner.customerId, status, amount, closedAt],
    )
  await deal(a0, 'WON', 100, '2026-03-02T10:00Z')
  await deal(a0, 'WON', 300, '2026-03-09T10:00Z')
  await deal(a0, 'WON', 200, '2026-03-20T10:00Z')
  await deal(a0, 'LOST', 80, '2026-03-21T10:00Z')
  await deal(a0, 'WON', 999, '2026-02-27T10:00Z')
  await deal(a1, 'WON', 50, '2026-03-05T10:00Z')
})

const amounts = (body: { records: { items: { amount: unknown }[] } }) => body.records.items.map((d) => Number(d.amount))

describe('GET /api/kpis/:key', () => {
  test('manager: team value, per-rep breakdown and the records behind it, sorted and paged', async () => {
    const team = `team:${s.tenant.teams[0].id}`
    const response = await kit.app.inject({
      url: `/api/kpis/revenue.won?scope=${team}&${march}&sort=-amount&pageSize=2`,
      headers: s.manager.headers,
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['cache-control']).toBe('private, no-cache')
    const body = response.json()
    expect(body.scope).toBe(team)
    expect(body.kpi.value).toMatchObject({ kind: 'value', value: 650 })
    const byRep = Object.fromEntries(
      body.byRep.map((r: { key: string; value: { value: number } }) => [r.key, r.value.value]),
    )
    expect(byRep).toEqual({ [`rep:${s.tenant.teams[0].reps[0].id}`]: 600, [`rep:${s.tenant.teams[0].reps[1].id}`]: 50 })
    expect(body.records).toMatchObject({ entity: 'deals', total: 4, page: 1, pageSize: 2, sort: '-amount' })
    expect(amounts(body)).toEqual([300, 200])
    const page2 = await kit.app.inject({
      url: `/api/kpis/revenue.won?scope=${team}&${march}&sort=-amount&pageSize=2&page=2`,
      headers: s.manager.headers,
    })
    expect(amounts(page2.json())).toEqual([100, 50])
  })

  test('win rate counts won and lost; its records are the closed deals', async () => {
    const rep = `rep:${s.tenant.teams[0].reps[0].id}`
    const response = await kit.app.inject({
      url: `/api/kpis/deals.win_rate?scope=${rep}&${march}&sort=amount`,
      headers: s.rep.headers,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().kpi.value).toMatchObject({ kind: 'value', value: 75 })
    expect(amounts(response.json())).toEqual([80, 100, 200, 300])
  })

  test('a rep viewing the team total lists only their own rows', async () => {
    const team = `team:${s.tenant.teams[0].id}`
    const response = await kit.app.inject({
      url: `/api/kpis/revenue.won?scope=${team}&${march}`,
      headers: s.rep.headers,
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().records.total).toBe(3)
  })

  test('survey rows are not listed for reps (records null), the figure still is', async () => {
    const team = `team:${s.tenant.teams[0].id}`
    const response = await kit.app.inject({ url: `/api/kpis/team.enps?scope=${team}&${march}`, headers: s.rep.headers })
    expect(response.statusCode).toBe(200)
    expect(response.json().records).toBeNull()
  })

  test.each([
    { query: 'sort=bogus', status: 400, field: 'query.sort' },
    { query: 'pageSize=201', status: 400, field: 'query.pageSize' },
    { query: 'page=0', status: 400, field: 'query.page' },
    { query: 'scope=rep:abc', status: 400, field: 'query.scope' },
  ])('$query → $status naming $field', async ({ query, status, field }) => {
    const response = await kit.app.inject({ url: `/api/kpis/revenue.won?${march}&${query}`, headers: s.admin.headers })
    expect(response.statusCode).toBe(status)
    expect(response.json()).toMatchObject({ field })
  })

  test('an unknown KPI is 404', async () => {
    const response = await kit.app.inject({ url: `/api/kpis/no.such_kpi?${march}`, headers: s.admin.headers })
    expect(response.statusCode).toBe(404)
  })
})
