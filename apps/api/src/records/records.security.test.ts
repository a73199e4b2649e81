import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordTestKit } from './record-test-kit.ts'

// Role × route for the other owned records (deals have their own matrix): one record per owner — rep1a,
// rep1b (same team), rep2a (other team), the other organisation's rep — read, changed and deleted by each role.

let kit: Awaited<ReturnType<typeof recordTestKit>>
type Owner = 'rep1a' | 'rep1b' | 'rep2a' | 'other'
type Who = 'rep1a' | 'manager1' | 'admin' | 'otherAdmin'
const ids: Record<string, Record<Owner, number>> = {}

const bodies: Record<string, (ownerId: number) => Record<string, unknown>> = {
  leads: (ownerId) => ({ name: 'L', channel: 'web', createdAt: '2026-01-01', ownerId }),
  activities: (userId) => ({ type: 'MEETING', occurredAt: '2026-01-01T10:00:00Z', userId }),
  customers: (ownerId) => ({ name: 'C', segment: 'SMB', ownerId }),
}

beforeAll(async () => {
  kit = await recordTestKit()
  const t = kit.tenant
  const owners: Record<Owner, { id: number; admin: string }> = {
    rep1a: { id: t.teams[0].reps[0].id, admin: t.admin.email },
    rep1b: { id: t.teams[0].reps[1].id, admin: t.admin.email },
    rep2a: { id: t.teams[1].reps[0].id, admin: t.admin.email },
    other: { id: t.other.rep.id, admin: t.other.admin.email },
  }
  for (const [entity, body] of Object.entries(bodies)) {
    ids[entity] = { rep1a: 0, rep1b: 0, rep2a: 0, other: 0 }
    for (const [owner, { id, admin }] of Object.entries(owners) as [Owner, { id: number; admin: string }][]) {
      const as = await kit.as(admin)
      const response = await kit.app.inject({
        method: 'POST',
        url: `/api/${entity}`,
        headers: as.headers,
        payload: body(id),
      })
      expect(response.statusCode).toBe(201)
      ids[entity]![owner] = response.json().id
    }
  }
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const email = (who: Who) => {
  const t = kit.tenant
  return {
    rep1a: t.teams[0].reps[0].email,
    manager1: t.teams[0].manager.email,
    admin: t.admin.email,
    otherAdmin: t.other.admin.email,
  }[who]
}

// Expected status per (who, owner): the seeded customers per rep add rows, so lists are checked per id here.
const matrix: [Who, Record<Owner, 200 | 404>][] = [
  ['rep1a', { rep1a: 200, rep1b: 404, rep2a: 404, other: 404 }],
  ['manager1', { rep1a: 200, rep1b: 200, rep2a: 404, other: 404 }],
  ['admin', { rep1a: 200, rep1b: 200, rep2a: 200, other: 404 }],
  ['otherAdmin', { rep1a: 404, rep1b: 404, rep2a: 404, other: 200 }],
]

describe.each(Object.keys(bodies))('%s', (entity) => {
  test.each(matrix)('%s: GET, PATCH, list by owner', async (who, expected) => {
    const as = await kit.as(email(who))
    const list = (
      await kit.app.inject({ method: 'GET', url: `/api/${entity}?pageSize=200`, headers: as.headers })
    ).json()
    const listed = new Set(list.items.map((r: { id: number }) => r.id))
    for (const owner of ['rep1a', 'rep1b', 'rep2a', 'other'] as const) {
      const id = ids[entity]![owner]
      const read = await kit.app.inject({ method: 'GET', url: `/api/${entity}/${id}`, headers: as.headers })
      expect(read.statusCode, `${who} GET ${owner}`).toBe(expected[owner])
      const { rows } = await kit.db.pool.query(`SELECT version FROM ${entity} WHERE id = $1`, [id])
      const patch = await kit.app.inject({
        method: 'PATCH',
        url: `/api/${entity}/${id}`,
        headers: as.headers,
        payload: { version: rows[0].version, externalId: `${who}-${owner}` },
      })
      expect(patch.statusCode, `${who} PATCH ${owner}`).toBe(expected[owner])
      expect(listed.has(id), `${who} list has ${owner}`).toBe(expected[owner] === 200)
    }
  })

  test('a rep cannot delete a teammate’s record (404) but can delete their own (204)', async () => {
    // Records of its own: the matrix above reads the shared ones, in whatever order the tests run.
    const admin = await kit.as(email('admin'))
    const create = async (ownerId: number) => {
      const response = await kit.app.inject({
        method: 'POST',
        url: `/api/${entity}`,
        headers: admin.headers,
        payload: bodies[entity]!(ownerId),
      })
      expect(response.statusCode).toBe(201)
      return response.json().id as number
    }
    const mine = await create(kit.tenant.teams[0].reps[0].id)
    const teammates = await create(kit.tenant.teams[0].reps[1].id)
    const as = await kit.as(email('rep1a'))
    const theirs = await kit.app.inject({ method: 'DELETE', url: `/api/${entity}/${teammates}`, headers: as.headers })
    expect(theirs.statusCode).toBe(404)
    const own = await kit.app.inject({ method: 'DELETE', url: `/api/${entity}/${mine}`, headers: as.headers })
    expect(own.statusCode).toBe(204)
    const { rows } = await kit.db.pool.query(`SELECT id FROM ${entity} WHERE id = ANY($1::int[])`, [[mine, teammates]])
    expect(rows.map((r) => r.id)).toEqual([teammates])
  })
})
