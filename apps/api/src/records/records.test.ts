import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordTestKit } from './record-test-kit.ts'

// Happy path and validation errors for leads, customers, activities, costs and survey responses (deals have
// their own files). Each row: who creates, a valid body, what comes back, and bodies that must be refused.

let kit: Awaited<ReturnType<typeof recordTestKit>>
beforeAll(async () => {
  kit = await recordTestKit()
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

type Case = {
  entity: string
  who: 'rep' | 'manager' | 'admin'
  body: () => Record<string, unknown>
  expected: () => Record<string, unknown>
  filter: string
  errors: [string, Record<string, unknown>, string][]
}

const rep = () => kit.tenant.teams[0].reps[0]
const cases: Case[] = [
  {
    entity: 'leads',
    who: 'rep',
    body: () => ({
      name: 'Lead',
      account: ' Acme  BV ',
      channel: 'web',
      createdAt: '2026-01-01T08:00:00Z',
      mqlAt: '2026-01-02T08:00:00Z',
    }),
    expected: () => ({ ownerId: rep().id, teamId: kit.tenant.teams[0].id, account: 'Acme  BV', sqlAt: null }),
    filter: 'channel=web&q=lea',
    errors: [
      ['SQL before MQL', { sqlAt: '2026-01-01T09:00:00Z' }, 'body.sqlAt'],
      ['MQL before creation', { mqlAt: '2025-12-31T00:00:00Z' }, 'body.mqlAt'],
      ['empty channel', { channel: '  ' }, 'body.channel'],
    ],
  },
  {
    entity: 'customers',
    who: 'rep',
    body: () => ({ name: 'Acme', segment: 'SMB', idealProfile: true, acquiredAt: '2025-06-01' }),
    expected: () => ({
      ownerId: rep().id,
      idealProfile: true,
      acquiredAt: '2025-05-31T22:00:00.000Z',
      churnedAt: null,
    }),
    filter: 'segment=SMB&q=acme',
    errors: [
      ['churned before acquired', { churnedAt: '2025-01-01' }, 'body.churnedAt'],
      ['idealProfile as text', { idealProfile: 'yes' }, 'body.idealProfile'],
    ],
  },
  {
    entity: 'activities',
    who: 'rep',
    body: () => ({ type: 'CALL', occurredAt: '2026-02-02T10:00:00Z', notes: 'rang' }),
    expected: () => ({ userId: rep().id, teamId: kit.tenant.teams[0].id, type: 'CALL', dealId: null }),
    filter: 'type=CALL&from=2026-02-01&to=2026-03-01',
    errors: [
      ['unknown type', { type: 'LUNCH' }, 'body.type'],
      ['missing occurredAt', { occurredAt: undefined }, 'body.occurredAt'],
      ['a deal that does not exist', { dealId: 999999 }, 'body.dealId'],
    ],
  },
  {
    entity: 'costs',
    who: 'admin',
    body: () => ({
      category: 'MARKETING',
      month: '2026-01-01',
      amount: '999999999999.99',
      teamId: kit.tenant.teams[1].id,
    }),
    expected: () => ({ amount: '999999999999.99', month: '2026-01-01', teamId: kit.tenant.teams[1].id }),
    filter: 'category=MARKETING',
    errors: [
      ['a month not starting on the 1st', { month: '2026-01-15' }, 'body.month'],
      ['money as float', { amount: 1.5 }, 'body.amount'],
      ['a team of another organisation', { teamId: -1 }, 'body.teamId'],
    ],
  },
  {
    entity: 'surveys',
    who: 'manager',
    body: () => ({ kind: 'Q12', score: 4.25, respondedAt: '2026-03-01T12:00:00Z', teamId: kit.tenant.teams[0].id }),
    expected: () => ({ kind: 'Q12', score: 4.25, customerId: null }),
    filter: 'kind=Q12',
    errors: [
      ['an NPS of 11', { kind: 'NPS', score: 11, teamId: null }, 'body.score'],
      ['a CSAT of 4.5', { kind: 'CSAT', score: 4.5, teamId: null }, 'body.score'],
      ['a Q12 of 0.5', { score: 0.5 }, 'body.score'],
    ],
  },
]

const email = (who: Case['who']) =>
  who === 'rep' ? rep().email : who === 'manager' ? kit.tenant.teams[0].manager.email : kit.tenant.admin.email

describe.each(cases)('$entity', ({ entity, who, body, expected, filter, errors }) => {
  test('create, filter the list, read, update, delete', async () => {
    const as = await kit.as(email(who))
    const created = await kit.app.inject({
      method: 'POST',
      url: `/api/${entity}`,
      headers: as.headers,
      payload: body(),
    })
    expect(created.statusCode).toBe(201)
    const record = created.json()
    expect(record).toMatchObject({ ...expected(), version: 1 })
    const list = await kit.app.inject({ method: 'GET', url: `/api/${entity}?${filter}`, headers: as.headers })
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: record.id }] })
    const read = await kit.app.inject({ method: 'GET', url: `/api/${entity}/${record.id}`, headers: as.headers })
    expect(read.json()).toEqual(record)
    const patched = await kit.app.inject({
      method: 'PATCH',
      url: `/api/${entity}/${record.id}`,
      headers: as.headers,
      payload: { version: 1, externalId: `${entity}-1` },
    })
    expect(patched.json()).toMatchObject({ externalId: `${entity}-1`, version: 2 })
    const removed = await kit.app.inject({ method: 'DELETE', url: `/api/${entity}/${record.id}`, headers: as.headers })
    expect(removed.statusCode).toBe(204)
  })

  test.each(errors)('%s → 400 naming %s', async (_title, change, field) => {
    const as = await kit.as(email(who))
    const payload: Record<string, unknown> = { ...body(), ...change }
    if (payload['teamId'] === -1) payload['teamId'] = kit.tenant.other.teamId
    const response = await kit.app.inject({ method: 'POST', url: `/api/${entity}`, headers: as.headers, payload })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })
})

test('a customer with deals cannot be deleted (409), and nothing is removed', async () => {
  const as = await kit.as(kit.tenant.admin.email)
  const customerId = kit.tenant.teams[1].reps[0].customerId
  const deal = {
    name: 'D',
    type: 'UPSELL',
    stage: 's',
    probability: 1,
    status: 'OPEN',
    amount: '1',
    createdAt: '2026-01-01',
    customerId,
  }
  expect(
    (await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: deal })).statusCode,
  ).toBe(201)
  const response = await kit.app.inject({ method: 'DELETE', url: `/api/customers/${customerId}`, headers: as.headers })
  expect(response.statusCode).toBe(409)
  expect(
    (await kit.app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: as.headers })).statusCode,
  ).toBe(200)
})

test('a manager sees customers owned by their team members only; surveys of their teams and customer surveys', async () => {
  const manager = await kit.as(kit.tenant.teams[0].manager.email)
  const customers = (
    await kit.app.inject({ method: 'GET', url: '/api/customers?sort=id', headers: manager.headers })
  ).json()
  expect(customers.items.map((c: { id: number }) => c.id)).toEqual([
    kit.tenant.teams[0].reps[0].customerId,
    kit.tenant.teams[0].reps[1].customerId,
  ])
  const other = await kit.app.inject({
    method: 'POST',
    url: '/api/surveys',
    headers: manager.headers,
    payload: { kind: 'ENPS', score: 8, respondedAt: '2026-03-01', teamId: kit.tenant.teams[1].id },
  })
  expect(other.statusCode).toBe(403)
})
