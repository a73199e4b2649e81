import { beforeAll, describe, expect, test } from 'vitest'
import { tenantWithSessions, useApp, type Sessions } from '../routes/settings/config-test-kit.ts'

// A blank amount or cost is unknown, never 0 (issue 17, decision 29). Rep A0's deals, through the API:
//   W1 won 1000, cost 600, closed 10 March 2026      W2 won 500, cost unknown, closed 12 March
//   O1 open, amount unknown, probability 50           O2 open 300, probability 50
// revenue.won (March) = 1000 + 500 = 1500
// deals.margin_pct = (1000 − 600) ÷ 1000 = 40 % (W2 left out; 0 would have made it (1500 − 600) ÷ 1500 = 60 %)
// pipeline.value = 300 (O1 adds no value), weighted 300 × 50 % = 150; its records list both open deals.

const kit = useApp()
let s: Sessions
const march = 'scope=org&period=month&date=2026-03-10'

async function create(body: Record<string, unknown>) {
  const rep = s.tenant.teams[0].reps[0]
  return kit.app.inject({
    method: 'POST',
    url: '/api/deals',
    headers: s.admin.headers,
    payload: { type: 'NEW_BUSINESS', stage: 'x', ownerId: rep.id, createdAt: '2026-02-01T10:00:00Z', ...body },
  })
}

beforeAll(async () => {
  s = await tenantWithSessions(kit)
  const won = { status: 'WON', probability: 100 }
  const open = { status: 'OPEN', probability: 50 }
  for (const body of [
    { name: 'W1', ...won, amount: '1000', cost: '600', closedAt: '2026-03-10T10:00:00Z' },
    { name: 'W2', ...won, amount: '500', closedAt: '2026-03-12T10:00:00Z' },
    { name: 'O1', ...open },
    { name: 'O2', ...open, amount: '300' },
  ]) {
    const response = await create(body)
    expect(response.statusCode, response.body).toBe(201)
  }
})

const kpi = async (key: string) =>
  (await kit.app.inject({ url: `/api/kpis/${key}?${march}`, headers: s.admin.headers })).json()

describe('unknown amounts and costs', () => {
  test('a deal created without cost or (open) amount stores NULL and answers null', async () => {
    const { rows } = await kit.db.pool.query<{ name: string; amount: string | null; cost: string | null }>(
      `SELECT name, amount::text, cost::text FROM deals WHERE organization_id = $1 ORDER BY name`,
      [s.tenant.organizationId],
    )
    expect(rows).toEqual([
      { name: 'O1', amount: null, cost: null },
      { name: 'O2', amount: '300.00', cost: null },
      { name: 'W1', amount: '1000.00', cost: '600.00' },
      { name: 'W2', amount: '500.00', cost: null },
    ])
    const list = await kit.app.inject({ url: '/api/deals?status=OPEN&sort=name', headers: s.admin.headers })
    expect(list.json().items.map((d: { amount: unknown; cost: unknown }) => [d.amount, d.cost])).toEqual([
      [null, null],
      ['300.00', null],
    ])
  })

  test('a WON deal needs its amount (400 naming body.amount)', async () => {
    const response = await create({ name: 'W3', status: 'WON', probability: 100, closedAt: '2026-03-12T10:00:00Z' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ field: 'body.amount' })
  })

  test('revenue 1500; margin 40 % over the deal of known cost, saying one is left out', async () => {
    expect((await kpi('revenue.won')).kpi.value).toMatchObject({ kind: 'value', value: 1500 })
    expect((await kpi('deals.margin_pct')).kpi.value).toEqual({
      kind: 'value',
      value: 40,
      details: [{ key: 'unknown-cost', value: { kind: 'value', value: 1 } }],
    })
  })

  test('pipeline: the open deal of unknown amount is counted, not valued', async () => {
    const body = await kpi('pipeline.value')
    expect(body.kpi.value).toEqual({
      kind: 'value',
      value: 300,
      details: [{ key: 'weighted', value: { kind: 'value', value: 150 } }],
    })
    expect(body.records.total).toBe(2)
  })
})
