import { afterAll, beforeAll, expect, test } from 'vitest'
import { recordTestKit } from '../../records/record-test-kit.ts'

// "Show" → one rep: a manager opens one of their reps' figures; another team's rep, even typed into the URL, is
// refused with a message naming the scope.

let kit: Awaited<ReturnType<typeof recordTestKit>>
beforeAll(async () => {
  kit = await recordTestKit()
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const detail = (scope: string) => `/api/kpis/activity.calls?scope=${scope}&period=month&date=2026-03-10`

test("a manager opens one of their reps: that rep's figures, by name", async () => {
  const team = kit.tenant.teams[0]
  const rep = team.reps[1]
  const asRep = await kit.as(rep.email)
  const payload = { type: 'CALL', occurredAt: '2026-03-10T10:00:00Z' }
  expect(
    (await kit.app.inject({ method: 'POST', url: '/api/activities', headers: asRep.headers, payload })).statusCode,
  ).toBe(201)

  const manager = await kit.as(team.manager.email)
  const response = await kit.app.inject({ url: detail(`rep:${rep.id}`), headers: manager.headers })
  expect(response.statusCode, response.body).toBe(200)
  const answer = response.json<{ scope: string; scopeName: string; kpi: { value: { value: number } } }>()
  expect(answer).toMatchObject({ scope: `rep:${rep.id}`, scopeName: rep.name, kpi: { value: { value: 1 } } })
})

test("a manager typing another team's rep into the URL gets 403 naming the scope", async () => {
  const other = kit.tenant.teams[1].reps[0]
  const manager = await kit.as(kit.tenant.teams[0].manager.email)
  for (const url of [detail(`rep:${other.id}`), `/api/dashboard?scope=rep:${other.id}&period=month`]) {
    const response = await kit.app.inject({ url, headers: manager.headers })
    expect(response.statusCode).toBe(403)
    expect(response.json()).toMatchObject({
      error: 'forbidden',
      message: `You may not view the figures of this rep (rep:${other.id})`,
    })
  }
  const otherTeam = kit.tenant.teams[1].id
  const response = await kit.app.inject({
    url: `/api/dashboard?scope=team:${otherTeam}&period=month`,
    headers: manager.headers,
  })
  expect(response.json()).toMatchObject({ message: `You may not view the figures of this team (team:${otherTeam})` })
})
