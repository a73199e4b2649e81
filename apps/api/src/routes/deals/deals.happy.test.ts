import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DATA_CHANGED_CHANNEL } from '../../alerts/data-changes.ts'
import { recordTestKit } from '../../records/record-test-kit.ts'

let kit: Awaited<ReturnType<typeof recordTestKit>>
beforeAll(async () => {
  kit = await recordTestKit()
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const won = {
  name: 'Acme renewal',
  type: 'RENEWAL',
  stage: 'Closed',
  probability: 100,
  status: 'WON',
  amount: '12500.50',
  cost: '2500.25',
  createdAt: '2026-01-05T09:00:00Z',
  closedAt: '2026-02-10T15:30:00+01:00',
}

describe('deals CRUD as a rep', () => {
  test('create → read → list → update with version → delete', async () => {
    const rep = kit.tenant.teams[0].reps[0]
    const as = await kit.as(rep.email)
    // Every committed write announces its organisation to every API process (the data-version trigger's NOTIFY).
    const listener = await kit.db.pool.connect()
    const changes: string[] = []
    listener.on('notification', ({ payload }) => changes.push(payload ?? ''))
    await listener.query(`LISTEN ${DATA_CHANGED_CHANNEL}`)

    const created = await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: won })
    expect(created.statusCode).toBe(201)
    const deal = created.json()
    // The owner defaults to the rep; team_id is the rep's team (decision 0001); money comes back exact, as text.
    expect(deal).toMatchObject({
      ownerId: rep.id,
      teamId: kit.tenant.teams[0].id,
      amount: '12500.50',
      cost: '2500.25',
      closedAt: '2026-02-10T14:30:00.000Z', // 15:30 at +01:00
      version: 1,
      customerId: null,
    })

    const read = await kit.app.inject({ method: 'GET', url: `/api/deals/${deal.id}`, headers: as.headers })
    expect(read.json()).toEqual(deal)

    const list = await kit.app.inject({ method: 'GET', url: '/api/deals?status=WON&q=acme', headers: as.headers })
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 50, items: [{ id: deal.id }] })

    const patched = await kit.app.inject({
      method: 'PATCH',
      url: `/api/deals/${deal.id}`,
      headers: as.headers,
      payload: { version: 1, amount: '13000' },
    })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ amount: '13000.00', version: 2, name: 'Acme renewal' })

    const removed = await kit.app.inject({ method: 'DELETE', url: `/api/deals/${deal.id}`, headers: as.headers })
    expect(removed.statusCode).toBe(204)
    const gone = await kit.app.inject({ method: 'GET', url: `/api/deals/${deal.id}`, headers: as.headers })
    expect(gone.statusCode).toBe(404)

    await listener.query('SELECT 1') // notifications arrive ahead of this answer
    await listener.query(`UNLISTEN *`)
    listener.release()
    const organizationId = String(kit.tenant.organizationId)
    expect(changes).toEqual([organizationId, organizationId, organizationId]) // create, update, delete
  })

  test('a stale version is 409 and writes nothing', async () => {
    const as = await kit.as(kit.tenant.teams[0].reps[1].email)
    const deal = (await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: won })).json()
    const first = await kit.app.inject({
      method: 'PATCH',
      url: `/api/deals/${deal.id}`,
      headers: as.headers,
      payload: { version: 1, stage: 'Signed' },
    })
    expect(first.statusCode).toBe(200)
    const stale = await kit.app.inject({
      method: 'PATCH',
      url: `/api/deals/${deal.id}`,
      headers: as.headers,
      payload: { version: 1, amount: '1.00' },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ error: 'conflict', field: 'body.version' })
    const after = (await kit.app.inject({ method: 'GET', url: `/api/deals/${deal.id}`, headers: as.headers })).json()
    expect(after).toMatchObject({ amount: '12500.50', stage: 'Signed', version: 2 })
  })

  test('DELETE with a stale ?version is 409 and keeps the deal; with the current one it goes', async () => {
    const as = await kit.as(kit.tenant.teams[0].reps[1].email)
    const deal = (await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: won })).json()
    await kit.app.inject({
      method: 'PATCH',
      url: `/api/deals/${deal.id}`,
      headers: as.headers,
      payload: { version: 1, stage: 'Edited' },
    })
    const stale = await kit.app.inject({
      method: 'DELETE',
      url: `/api/deals/${deal.id}?version=1`,
      headers: as.headers,
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ error: 'conflict', field: 'query.version' })
    const current = await kit.app.inject({
      method: 'DELETE',
      url: `/api/deals/${deal.id}?version=2`,
      headers: as.headers,
    })
    expect(current.statusCode).toBe(204)
  })

  test('paging and sorting: pageSize 2 over 3 deals by amount descending', async () => {
    const rep = kit.tenant.teams[1].reps[0]
    const as = await kit.as(rep.email)
    for (const amount of ['10.00', '30.00', '20.00'])
      await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: { ...won, amount } })
    const page = (n: number) =>
      kit.app.inject({ method: 'GET', url: `/api/deals?sort=-amount&pageSize=2&page=${n}`, headers: as.headers })
    const one = (await page(1)).json()
    const two = (await page(2)).json()
    expect(one.total).toBe(3)
    expect(one.items.map((d: { amount: string }) => d.amount)).toEqual(['30.00', '20.00'])
    expect(two.items.map((d: { amount: string }) => d.amount)).toEqual(['10.00'])
  })
})
