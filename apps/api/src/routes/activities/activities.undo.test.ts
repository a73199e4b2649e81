import { afterAll, beforeAll, expect, test } from 'vitest'
import { recordTestKit } from '../../records/record-test-kit.ts'

// An activity logged by mistake is undone by the person who logged it (decision 0038), and the KPI counts
// follow: the delete bumps the data version through the triggers, so no cached answer survives it.

let kit: Awaited<ReturnType<typeof recordTestKit>>
beforeAll(async () => {
  kit = await recordTestKit()
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const call = { type: 'CALL', occurredAt: '2026-03-10T10:00:00Z' }

async function calls(repId: number, headers: Record<string, string>): Promise<number> {
  const response = await kit.app.inject({
    url: `/api/kpis/activity.calls?scope=rep:${repId}&period=month&date=2026-03-10`,
    headers,
  })
  expect(response.statusCode, response.body).toBe(200)
  const value = response.json<{ kpi: { value: { kind: string; value?: number } } }>().kpi.value
  return value.kind === 'value' ? value.value! : 0
}

test('a rep logs a call by mistake, finds it in their recent list and deletes it: the count goes back', async () => {
  const rep = kit.tenant.teams[0].reps[0]
  const as = await kit.as(rep.email)
  expect(await calls(rep.id, as.headers)).toBe(0)
  const created = await kit.app.inject({ method: 'POST', url: '/api/activities', headers: as.headers, payload: call })
  expect(created.statusCode, created.body).toBe(201)
  const { id } = created.json<{ id: number }>()
  expect(await calls(rep.id, as.headers)).toBe(1)

  const recent = await kit.app.inject({
    url: `/api/activities?userId=${rep.id}&sort=-occurredAt&pageSize=10`,
    headers: as.headers,
  })
  expect(recent.json<{ items: { id: number }[] }>().items.map((a) => a.id)).toEqual([id])

  const deleted = await kit.app.inject({ method: 'DELETE', url: `/api/activities/${id}`, headers: as.headers })
  expect(deleted.statusCode, deleted.body).toBe(204)
  expect(await calls(rep.id, as.headers)).toBe(0)
})

test("a teammate cannot delete a rep's activity (404: not theirs to see); an admin can", async () => {
  const [rep, mate] = kit.tenant.teams[0].reps
  const as = await kit.as(rep.email)
  const created = await kit.app.inject({ method: 'POST', url: '/api/activities', headers: as.headers, payload: call })
  const { id } = created.json<{ id: number }>()
  const byMate = await kit.app.inject({
    method: 'DELETE',
    url: `/api/activities/${id}`,
    headers: (await kit.as(mate.email)).headers,
  })
  expect(byMate.statusCode).toBe(404)
  const byAdmin = await kit.app.inject({
    method: 'DELETE',
    url: `/api/activities/${id}`,
    headers: (await kit.as(kit.tenant.admin.email)).headers,
  })
  expect(byAdmin.statusCode).toBe(204)
})

test("a manager's recent list filtered to themselves leaves out their team's activities", async () => {
  const team = kit.tenant.teams[1]
  const rep = await kit.as(team.reps[0].email)
  await kit.app.inject({ method: 'POST', url: '/api/activities', headers: rep.headers, payload: call })
  const manager = await kit.as(team.manager.email)
  const all = await kit.app.inject({ url: '/api/activities', headers: manager.headers })
  expect(all.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0)
  const own = await kit.app.inject({ url: `/api/activities?userId=${team.manager.id}`, headers: manager.headers })
  expect(own.json<{ items: unknown[] }>().items).toEqual([])
})
