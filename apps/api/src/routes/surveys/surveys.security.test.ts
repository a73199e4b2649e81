import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordTestKit } from '../../records/record-test-kit.ts'

// Issue 14 F13: a survey response belongs to its team, else to its customer's team (the owner's), else to the
// organisation. Managers read and change their teams' responses, read the organisation's (anonymous eNPS with no
// team) but leave changing those to admins, and never see another team's customer's answers.

let kit: Awaited<ReturnType<typeof recordTestKit>>
type Response = 'team1' | 'team2' | 'customer1' | 'customer2' | 'organisation'
const ids = {} as Record<Response, number>

beforeAll(async () => {
  kit = await recordTestKit()
  const t = kit.tenant
  const admin = await kit.as(t.admin.email)
  const bodies: Record<Response, Record<string, unknown>> = {
    team1: { kind: 'ENPS', teamId: t.teams[0].id },
    team2: { kind: 'ENPS', teamId: t.teams[1].id },
    customer1: { kind: 'NPS', customerId: t.teams[0].reps[0].customerId },
    customer2: { kind: 'NPS', customerId: t.teams[1].reps[0].customerId },
    organisation: { kind: 'ENPS' },
  }
  for (const [name, body] of Object.entries(bodies) as [Response, Record<string, unknown>][]) {
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/surveys',
      headers: admin.headers,
      payload: { score: 8, respondedAt: '2026-01-05T10:00:00Z', ...body },
    })
    expect(response.statusCode, response.body).toBe(201)
    ids[name] = response.json().id
  }
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

// What team 1's manager gets for each response: read, change, delete.
const expected: Record<Response, { read: number; write: number }> = {
  team1: { read: 200, write: 200 },
  team2: { read: 404, write: 404 },
  customer1: { read: 200, write: 200 },
  customer2: { read: 404, write: 404 },
  organisation: { read: 200, write: 403 },
}

describe('team 1’s manager', () => {
  test.each(Object.keys(expected) as Response[])('%s response: read, PATCH, DELETE', async (name) => {
    const manager = await kit.as(kit.tenant.teams[0].manager.email)
    const id = ids[name]
    const read = await kit.app.inject({ url: `/api/surveys/${id}`, headers: manager.headers })
    expect(read.statusCode, read.body).toBe(expected[name].read)
    const list = await kit.app.inject({ url: '/api/surveys?pageSize=200', headers: manager.headers })
    const listed = list.json().items.some((item: { id: number }) => item.id === id)
    expect(listed).toBe(expected[name].read === 200)

    const before = await kit.db.pool.query('SELECT score, version FROM survey_responses WHERE id = $1', [id])
    const patch = await kit.app.inject({
      method: 'PATCH',
      url: `/api/surveys/${id}`,
      headers: manager.headers,
      payload: { version: before.rows[0].version, score: 2 },
    })
    expect(patch.statusCode, patch.body).toBe(expected[name].write)
    if (expected[name].write !== 200) {
      const after = await kit.db.pool.query('SELECT score, version FROM survey_responses WHERE id = $1', [id])
      expect(after.rows).toEqual(before.rows)
      const removed = await kit.app.inject({ method: 'DELETE', url: `/api/surveys/${id}`, headers: manager.headers })
      expect(removed.statusCode, removed.body).toBe(expected[name].write)
      const still = await kit.db.pool.query('SELECT 1 FROM survey_responses WHERE id = $1', [id])
      expect(still.rowCount).toBe(1)
    }
  })

  test('cannot create a response for the organisation or another team’s customer, nor move one there', async () => {
    const t = kit.tenant
    const manager = await kit.as(t.teams[0].manager.email)
    const post = (body: Record<string, unknown>) =>
      kit.app.inject({
        method: 'POST',
        url: '/api/surveys',
        headers: manager.headers,
        payload: { kind: 'NPS', score: 9, respondedAt: '2026-01-06T10:00:00Z', ...body },
      })
    expect((await post({ kind: 'ENPS' })).statusCode).toBe(403)
    const foreign = await post({ customerId: t.teams[1].reps[0].customerId })
    expect(foreign.statusCode, foreign.body).toBe(400)
    expect(foreign.json()).toMatchObject({ field: 'body.customerId' })
    const own = await post({ customerId: t.teams[0].reps[1].customerId })
    expect(own.statusCode, own.body).toBe(201)
    // Moving their own response to the organisation would hand it to the admins: refused.
    const moved = await kit.app.inject({
      method: 'PATCH',
      url: `/api/surveys/${own.json().id}`,
      headers: manager.headers,
      payload: { version: own.json().version, kind: 'ENPS', customerId: null },
    })
    expect(moved.statusCode, moved.body).toBe(403)
  })
})
