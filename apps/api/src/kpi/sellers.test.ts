import { afterAll, beforeAll, expect, test } from 'vitest'
import { recordTestKit } from '../records/record-test-kit.ts'

// Decision 0038: the leaderboards and per-rep breakdowns list the people who sell. Team 1's manager is made a
// member of their own team here (as in the demo data): a member, but no seller until they own a deal.

let kit: Awaited<ReturnType<typeof recordTestKit>>
beforeAll(async () => {
  kit = await recordTestKit()
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const month = 'period=month&date=2026-03-10'

async function leaderboardNames(teamId: number): Promise<string[]> {
  const as = await kit.as(kit.tenant.teams[0].manager.email)
  const response = await kit.app.inject({
    url: `/api/kpis/revenue.won?scope=team:${teamId}&${month}`,
    headers: as.headers,
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<{ byRep: { name: string }[] }>().byRep.map((row) => row.name)
}

async function dashboardLines(teamId: number): Promise<string[]> {
  const as = await kit.as(kit.tenant.teams[0].manager.email)
  const response = await kit.app.inject({ url: `/api/dashboard?scope=team:${teamId}&${month}`, headers: as.headers })
  expect(response.statusCode, response.body).toBe(200)
  const kpis = response.json<{ focusAreas: { kpis: { key: string; breakdown?: { key: string }[] }[] }[] }>()
  const revenue = kpis.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === 'revenue.won')
  return (revenue?.breakdown ?? []).map((row) => row.key)
}

test('a manager in their own team is no leaderboard line until they sell; then they are one', async () => {
  const team = kit.tenant.teams[0]
  await kit.db.pool.query('UPDATE users SET team_id = $1 WHERE id = $2', [team.id, team.manager.id])
  const reps = team.reps.map((r) => r.name).sort()
  expect((await leaderboardNames(team.id)).sort()).toEqual(reps)
  expect(await dashboardLines(team.id)).toEqual(team.reps.map((r) => `rep:${r.id}`).sort((a, b) => (a < b ? -1 : 1)))

  const as = await kit.as(team.manager.email)
  const deal = {
    name: 'Own deal',
    type: 'UPSELL',
    stage: 'won',
    status: 'WON',
    probability: 100,
    amount: '500.00',
    ownerId: team.manager.id,
    createdAt: '2026-03-02T10:00:00Z',
    closedAt: '2026-03-05T10:00:00Z',
  }
  const created = await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: deal })
  expect(created.statusCode, created.body).toBe(201)
  expect((await leaderboardNames(team.id)).sort()).toEqual([...reps, team.manager.name].sort())
})
