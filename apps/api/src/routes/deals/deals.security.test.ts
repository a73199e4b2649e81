import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordTestKit } from '../../records/record-test-kit.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'

// Role × route over deals: who sees and changes whose deal. Seeded tenant (testing/seed-tenant.ts):
// team 1 = manager1, rep1a, rep1b; team 2 = manager2, rep2a, rep2b; plus another organisation.

let kit: Awaited<ReturnType<typeof recordTestKit>>
const ids: Record<'rep1a' | 'rep1b' | 'rep2a' | 'other', number> = { rep1a: 0, rep1b: 0, rep2a: 0, other: 0 }

const deal = {
  name: 'D',
  type: 'NEW_BUSINESS',
  stage: 's',
  probability: 10,
  status: 'OPEN',
  amount: '1.00',
  createdAt: '2026-01-01',
}

/** One deal each for rep1a, rep1b, rep2a and the other organisation's rep, created by their admins. */
async function seedDeals(tenant: Tenant): Promise<typeof ids> {
  const create = async (adminEmail: string, ownerId: number) => {
    const as = await kit.as(adminEmail)
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/deals',
      headers: as.headers,
      payload: { ...deal, ownerId },
    })
    expect(response.statusCode).toBe(201)
    return response.json().id as number
  }
  return {
    rep1a: await create(tenant.admin.email, tenant.teams[0].reps[0].id),
    rep1b: await create(tenant.admin.email, tenant.teams[0].reps[1].id),
    rep2a: await create(tenant.admin.email, tenant.teams[1].reps[0].id),
    other: await create(tenant.other.admin.email, tenant.other.rep.id),
  }
}

beforeAll(async () => {
  kit = await recordTestKit()
  Object.assign(ids, await seedDeals(kit.tenant))
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

type Who = 'rep1a' | 'manager1' | 'admin' | 'otherAdmin'
const email = (who: Who, t: Tenant = kit.tenant) => {
  return {
    rep1a: t.teams[0].reps[0].email,
    manager1: t.teams[0].manager.email,
    admin: t.admin.email,
    otherAdmin: t.other.admin.email,
  }[who]
}

describe.each([
  // who,         own/rep1a, teammate rep1b, other team rep2a, other organisation
  ['rep1a', 200, 404, 404, 404],
  ['manager1', 200, 200, 404, 404],
  ['admin', 200, 200, 200, 404],
  ['otherAdmin', 404, 404, 404, 200],
] as const)('%s', (who, own, teammate, otherTeam, otherOrg) => {
  test.each([
    ['rep1a', own],
    ['rep1b', teammate],
    ['rep2a', otherTeam],
    ['other', otherOrg],
  ] as const)(`GET and PATCH the deal of %s → %i`, async (owner, status) => {
    const as = await kit.as(email(who))
    const read = await kit.app.inject({ method: 'GET', url: `/api/deals/${ids[owner]}`, headers: as.headers })
    expect(read.statusCode).toBe(status)
    // Version from the database, so the PATCH answer depends only on who asks.
    const { rows } = await kit.db.pool.query('SELECT version FROM deals WHERE id = $1', [ids[owner]])
    const patch = await kit.app.inject({
      method: 'PATCH',
      url: `/api/deals/${ids[owner]}`,
      headers: as.headers,
      payload: { version: rows[0].version, stage: `seen by ${who}` },
    })
    expect(patch.statusCode).toBe(status)
    if (status === 404) expect(patch.json()).toEqual({ error: 'not_found', message: `deals ${ids[owner]} not found` })
  })

  test('the list holds exactly the visible deals', async () => {
    // Organisations of its own: other tests here create deals in the shared one.
    const tenant = await seedTenant(kit.db.pool)
    const mine = await seedDeals(tenant)
    const as = await kit.as(email(who, tenant))
    const list = (await kit.app.inject({ method: 'GET', url: '/api/deals?sort=id', headers: as.headers })).json()
    const expected = (['rep1a', 'rep1b', 'rep2a', 'other'] as const).filter(
      (_, i) => [own, teammate, otherTeam, otherOrg][i] === 200,
    )
    expect(list.items.map((d: { id: number }) => d.id)).toEqual(expected.map((o) => mine[o]))
  })
})

describe('assigning owners', () => {
  test.each([
    ['rep1a may not give a deal to a teammate', 'rep1a', 'rep1b', 403, 'body.ownerId'],
    ['manager1 may not assign to another team', 'manager1', 'rep2a', 403, 'body.ownerId'],
    ['manager1 assigns within their team', 'manager1', 'rep1b', 201, undefined],
    ['admin may not assign to another organisation', 'admin', 'otherRep', 400, 'body.ownerId'],
  ] as const)('%s', async (_title, who, owner, status, field) => {
    const t = kit.tenant
    const ownerId = { rep1b: t.teams[0].reps[1].id, rep2a: t.teams[1].reps[0].id, otherRep: t.other.rep.id }[owner]
    const as = await kit.as(email(who))
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/deals',
      headers: as.headers,
      payload: { ...deal, ownerId },
    })
    expect(response.statusCode).toBe(status)
    if (field) expect(response.json().field).toBe(field)
  })

  test('a rep moving their deal to a teammate by PATCH is 403 and nothing changes', async () => {
    const as = await kit.as(email('rep1a'))
    const before = (await kit.app.inject({ method: 'GET', url: `/api/deals/${ids.rep1a}`, headers: as.headers })).json()
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/deals/${ids.rep1a}`,
      headers: as.headers,
      payload: { version: before.version, ownerId: kit.tenant.teams[0].reps[1].id },
    })
    expect(response.statusCode).toBe(403)
    const after = (await kit.app.inject({ method: 'GET', url: `/api/deals/${ids.rep1a}`, headers: as.headers })).json()
    expect(after).toEqual(before)
  })

  test('DELETE: another rep’s deal is 404 and stays; no session is 401', async () => {
    const as = await kit.as(email('rep1a'))
    const response = await kit.app.inject({ method: 'DELETE', url: `/api/deals/${ids.rep1b}`, headers: as.headers })
    expect(response.statusCode).toBe(404)
    const { rowCount } = await kit.db.pool.query('SELECT 1 FROM deals WHERE id = $1', [ids.rep1b])
    expect(rowCount).toBe(1)
    const anonymous = await kit.app.inject({ method: 'GET', url: '/api/deals' })
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('costs (admin) and surveys (admin, manager)', () => {
  test.each([
    ['rep1a', '/api/costs', 403],
    ['manager1', '/api/costs', 403],
    ['admin', '/api/costs', 200],
    ['rep1a', '/api/surveys', 403],
    ['manager1', '/api/surveys', 200],
    ['admin', '/api/surveys', 200],
  ] as const)('%s GET %s → %i', async (who, url, status) => {
    const as = await kit.as(email(who))
    expect((await kit.app.inject({ method: 'GET', url, headers: as.headers })).statusCode).toBe(status)
  })
})
