import { afterAll, beforeAll, expect, test } from 'vitest'
import { recordTestKit } from '../../records/record-test-kit.ts'

let kit: Awaited<ReturnType<typeof recordTestKit>>
beforeAll(async () => {
  kit = await recordTestKit()
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

const valid = {
  name: 'D',
  type: 'UPSELL',
  stage: 's',
  probability: 50,
  status: 'OPEN',
  amount: '10.00',
  createdAt: '2026-03-01T10:00:00Z',
}

test.each([
  ['amount with 3 decimals', { amount: '1.005' }, 'body.amount'],
  ['negative amount', { amount: '-1.00' }, 'body.amount'],
  ['amount over 999,999,999,999.99', { amount: '1000000000000.00' }, 'body.amount'],
  ['amount as a float number', { amount: 10.5 }, 'body.amount'],
  ['probability 101', { probability: 101 }, 'body.probability'],
  ['unknown type', { type: 'BARTER' }, 'body.type'],
  ['WON without closedAt', { status: 'WON' }, 'body.closedAt'],
  ['OPEN with closedAt', { closedAt: '2026-03-02T00:00:00Z' }, 'body.closedAt'],
  ['closed before created', { status: 'LOST', closedAt: '2026-02-28T00:00:00Z' }, 'body.closedAt'],
  ['not a date', { createdAt: '2026-02-30' }, 'body.createdAt'],
  ['missing name', { name: undefined }, 'body.name'],
  ['an unknown field', { colour: 'red' }, 'body'],
  ['a customer of another organisation', { customerId: -1 }, 'body.customerId'],
])('POST /api/deals with %s → 400 naming %s', async (_title, change, field) => {
  const as = await kit.as(kit.tenant.admin.email)
  const payload: Record<string, unknown> = { ...valid, ...change }
  if (payload['customerId'] === -1) payload['customerId'] = kit.tenant.other.rep.customerId
  const response = await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload })
  expect(response.statusCode).toBe(400)
  expect(response.json()).toMatchObject({ error: 'validation_failed', field })
})

test('PATCH checks the rules on the merged record: setting WON alone names closedAt', async () => {
  const as = await kit.as(kit.tenant.admin.email)
  const deal = (await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: valid })).json()
  const response = await kit.app.inject({
    method: 'PATCH',
    url: `/api/deals/${deal.id}`,
    headers: as.headers,
    payload: { version: deal.version, status: 'WON' },
  })
  expect(response.json()).toMatchObject({ error: 'validation_failed', field: 'body.closedAt' })
  const missingVersion = await kit.app.inject({
    method: 'PATCH',
    url: `/api/deals/${deal.id}`,
    headers: as.headers,
    payload: { stage: 'x' },
  })
  expect(missingVersion.json()).toMatchObject({ error: 'validation_failed', field: 'body.version' })
})

test.each([
  ['pageSize=201', 'query.pageSize'],
  ['sort=password', 'query.sort'],
  ['from=yesterday', 'query.from'],
  ['status=MAYBE', 'query.status'],
])('GET /api/deals?%s → 400 naming %s', async (query, field) => {
  const as = await kit.as(kit.tenant.admin.email)
  const response = await kit.app.inject({ method: 'GET', url: `/api/deals?${query}`, headers: as.headers })
  expect(response.statusCode).toBe(400)
  expect(response.json()).toMatchObject({ error: 'validation_failed', field })
})

test('a second deal with the same externalId is 409 naming externalId', async () => {
  const as = await kit.as(kit.tenant.admin.email)
  const payload = { ...valid, externalId: 'X-1' }
  expect((await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload })).statusCode).toBe(
    201,
  )
  const again = await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload })
  expect(again.statusCode).toBe(409)
  expect(again.json()).toMatchObject({ error: 'conflict', field: 'body.externalId' })
})

test('date range filter: from inclusive, to exclusive, bare dates in the organisation time zone', async () => {
  const rep = kit.tenant.teams[1].reps[1]
  const as = await kit.as(rep.email)
  // 2026-04-30T22:00Z is 1 May 00:00 in Amsterdam (CEST, +02:00): inside May; 21:59:59Z is still April.
  for (const createdAt of [
    '2026-04-30T21:59:59Z',
    '2026-04-30T22:00:00Z',
    '2026-05-31T21:59:59Z',
    '2026-05-31T22:00:00Z',
  ])
    await kit.app.inject({ method: 'POST', url: '/api/deals', headers: as.headers, payload: { ...valid, createdAt } })
  const may = (
    await kit.app.inject({
      method: 'GET',
      url: '/api/deals?from=2026-05-01&to=2026-06-01&sort=createdAt',
      headers: as.headers,
    })
  ).json()
  expect(may.items.map((d: { createdAt: string }) => d.createdAt)).toEqual([
    '2026-04-30T22:00:00.000Z',
    '2026-05-31T21:59:59.000Z',
  ])
})

test.each([
  '2026-03-01T24:00:00Z',
  '2026-03-01T10:60:00Z',
  '2026-03-01T10:00:00+15:00',
  '2026-02-29',
  '2026-13-01',
  '2026-03-01 10:00',
])('createdAt %s is refused by the schema, not by PostgreSQL', async (createdAt) => {
  const as = await kit.as(kit.tenant.admin.email)
  const response = await kit.app.inject({
    method: 'POST',
    url: '/api/deals',
    headers: as.headers,
    payload: { ...valid, createdAt },
  })
  expect(response.json()).toMatchObject({ error: 'validation_failed', field: 'body.createdAt' })
})

test.each(['2024-02-29', '2026-03-01T23:59:59.999+14:00', '2026-03-01T00:00Z'])(
  'createdAt %s is accepted',
  async (createdAt) => {
    const as = await kit.as(kit.tenant.admin.email)
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/deals',
      headers: as.headers,
      payload: { ...valid, createdAt },
    })
    expect(response.statusCode).toBe(201)
  },
)
