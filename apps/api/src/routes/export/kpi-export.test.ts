import { beforeAll, describe, expect, test } from 'vitest'
import { tenantWithSessions, useApp, type Sessions } from '../settings/config-test-kit.ts'

// Team A of one tenant in March 2026 (Europe/Amsterdam, all instants well inside the month):
//   rep A0 won '=cmd|calc' 300 on 9 March and 'Plain' 100 on 2 March; rep A1 won 'Other' 50 on 5 March;
//   rep A0 won 999 on 27 February (outside). Leads of team A in March: 2 web, 1 event.
const kit = useApp()
let s: Sessions
const march = 'period=month&date=2026-03-10'

beforeAll(async () => {
  s = await tenantWithSessions(kit)
  const [a0, a1] = s.tenant.teams[0].reps
  const team = s.tenant.teams[0].id
  const org = s.tenant.organizationId
  const deal = (owner: typeof a0, name: string, amount: number, closedAt: string) =>
    kit.db.pool.query(
      `INSERT INTO deals (organization_id, external_id, name, owner_id, team_id, type, stage, probability, status, amount,
                          created_at, closed_at)
       VALUES ($1, $2, $2, $3, $4, 'NEW_BUSINESS', 'won', 100, 'WON', $5, '2026-01-05T10:00Z', $6)`,
      [org, name, owner.id, team, amount, closedAt],
    )
  await deal(a0, '=cmd|calc', 300, '2026-03-09T10:00Z')
  await deal(a0, 'Plain', 100, '2026-03-02T10:00Z')
  await deal(a1, 'Other', 50, '2026-03-05T10:00Z')
  await deal(a0, 'February', 999, '2026-02-27T10:00Z')
  for (const channel of ['web', 'web', 'event'])
    await kit.db.pool.query(
      `INSERT INTO leads (organization_id, name, channel, owner_id, team_id, created_at) VALUES ($1, 'L', $2, $3, $4, '2026-03-03T10:00Z')`,
      [org, channel, a0.id, team],
    )
})

const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
const get = (url: string, headers: Record<string, string>) => kit.app.inject({ method: 'GET', url, headers })

describe('GET /api/export/kpis/:key/records.csv', () => {
  test('manager: every won deal of the team in March, sorted, formulas neutralised, no paging', async () => {
    const team = `team:${s.tenant.teams[0].id}`
    const response = await get(
      `/api/export/kpis/revenue.won/records.csv?scope=${team}&${march}&sort=-amount`,
      s.manager.headers,
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="revenue.won-team-${s.tenant.teams[0].id}-2026-03-records.csv"`,
    )
    expect(response.body.startsWith('\uFEFFexternalId,name,ownerEmail,')).toBe(true)
    const rows = csvLines(response.body).slice(1)
    // 300, 100, 50 by amount, descending; February's 999 is outside the period.
    expect(rows.map((line) => line.split(',')[0])).toEqual(["'=cmd|calc", 'Plain', 'Other'])
    expect(rows[0]).toContain(`'=cmd|calc,'=cmd|calc,${s.tenant.teams[0].reps[0].email}`)
  })

  test("a rep on the team total exports only their own rows; another rep's records are forbidden", async () => {
    const [a0, a1] = s.tenant.teams[0].reps
    const team = await get(
      `/api/export/kpis/revenue.won/records.csv?scope=team:${s.tenant.teams[0].id}&${march}`,
      s.rep.headers,
    )
    expect(team.statusCode).toBe(200)
    expect(
      csvLines(team.body)
        .slice(1)
        .map((line) => line.split(',')[1]),
    ).toEqual(["'=cmd|calc", 'Plain'])
    expect(team.body).not.toContain('Other')
    const other = await get(`/api/export/kpis/revenue.won/records.csv?scope=rep:${a1.id}&${march}`, s.rep.headers)
    expect(other.statusCode).toBe(403)
    const own = await get(`/api/export/kpis/revenue.won/records.csv?scope=rep:${a0.id}&${march}`, s.rep.headers)
    expect(csvLines(own.body)).toHaveLength(3) // header + 2 deals
  })

  test.each([
    { what: "another organisation's team", query: () => `scope=team:${s.tenant.other.teamId}`, status: 404 },
    { what: 'an unknown KPI', query: () => 'scope=org', key: 'no.such_kpi', status: 404 },
    { what: 'a bad sort', query: () => 'scope=org&sort=bogus', status: 400, field: 'query.sort' },
    { what: 'a bad scope', query: () => 'scope=team:x', status: 400, field: 'query.scope' },
  ])('$what → $status', async ({ query, key, status, field }) => {
    const response = await get(
      `/api/export/kpis/${key ?? 'revenue.won'}/records.csv?${query()}&${march}`,
      s.admin.headers,
    )
    expect(response.statusCode).toBe(status)
    if (field) expect(response.json()).toMatchObject({ field })
  })

  test('survey rows are not for reps: 403 naming why', async () => {
    const response = await get(
      `/api/export/kpis/team.enps/records.csv?scope=team:${s.tenant.teams[0].id}&${march}`,
      s.rep.headers,
    )
    expect(response.statusCode).toBe(403)
  })
})

describe('GET /api/export/kpis/:key/breakdown.csv', () => {
  test('by=channel: the total and one line per lead channel', async () => {
    const team = `team:${s.tenant.teams[0].id}`
    const response = await get(
      `/api/export/kpis/leads.new/breakdown.csv?scope=${team}&${march}&by=channel`,
      s.manager.headers,
    )
    expect(response.statusCode, response.body).toBe(200)
    expect(csvLines(response.body).slice(1)).toEqual([
      `leads.new,${team},2026-03,total,${team},,3,,,no-target`,
      `leads.new,${team},2026-03,channel,channel:event,event,1,`,
      `leads.new,${team},2026-03,channel,channel:web,web,2,`,
    ])
  })

  test("without the team leaderboard a rep's breakdown holds only their own line", async () => {
    const team = `team:${s.tenant.teams[0].id}`
    const response = await get(
      `/api/export/kpis/revenue.won/breakdown.csv?scope=${team}&${march}&by=rep`,
      s.rep.headers,
    )
    expect(response.statusCode).toBe(200)
    const reps = csvLines(response.body).filter((line) => line.includes(',rep,'))
    // A0 won 300 + 100 = 400.
    expect(reps).toEqual([
      `revenue.won,${team},2026-03,rep,rep:${s.tenant.teams[0].reps[0].id},${s.tenant.teams[0].reps[0].name},400,,,no-target`,
    ])
  })

  test('by must be one of rep, segment, product, channel; another organisation is 404', async () => {
    const bad = await get(`/api/export/kpis/revenue.won/breakdown.csv?${march}&by=colour`, s.admin.headers)
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ field: 'query.by' })
    const other = await get(
      `/api/export/kpis/revenue.won/breakdown.csv?scope=team:${s.tenant.other.teamId}&${march}`,
      s.manager.headers,
    )
    expect(other.statusCode).toBe(404)
  })
})
