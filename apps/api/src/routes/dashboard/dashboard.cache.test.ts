import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { parseScope } from '@kpi/domain/scope'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { readDataVersion } from '../../kpi/answer-cache.ts'
import { dashboard, kpiDetail } from '../../kpi/dashboard.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// The KPI answer cache over real HTTP on real PostgreSQL: after every kind of write the cached answer equals a
// fresh computation with the same `now`, and differs from the answer before the write where the write matters.

let db: TestDatabase
let app: App
let base: string
let tenant: Tenant
let admin: Session, manager: Session, rep: Session
beforeAll(async () => {
  db = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: db })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('not listening')
  base = `http://127.0.0.1:${address.port}`
})
// An organisation per test: each starts from empty figures, whatever the others wrote before it.
beforeEach(async () => {
  tenant = await seedTenant(db.pool)
  ;[admin, manager, rep] = await Promise.all([
    loginAs(base, tenant.admin.email),
    loginAs(base, tenant.teams[0].manager.email),
    loginAs(base, tenant.teams[0].reps[0].email),
  ])
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

const march = { period: 'month', date: '2026-03-10' } as const
type Json = Record<string, unknown>
type Card = { key: string; value: { kind: string; value?: number }; target?: { full: number } | null; status: string }
type DashboardBody = { now: string; focusAreas: { key: string; kpis: Card[] }[] }

async function call(method: string, path: string, as: Session, payload?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...as.headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  })
  const text = await response.text()
  expect(response.status, text).toBeLessThan(300)
  return text === '' ? undefined : (JSON.parse(text) as Json)
}

const views = () =>
  [
    { as: admin, scope: 'org' },
    { as: manager, scope: `team:${tenant.teams[0].id}` },
    { as: rep, scope: `rep:${tenant.teams[0].reps[0].id}` },
  ] as const

async function getDashboard(as: Session, scope: string, extra = ''): Promise<DashboardBody> {
  const response = await fetch(`${base}/api/dashboard?scope=${scope}&period=month&date=${march.date}${extra}`, {
    headers: as.headers,
  })
  expect(response.status, await response.clone().text()).toBe(200)
  return (await response.json()) as DashboardBody
}

/** What dashboard() computes right now for the scope, at the answer's own `now`, as the JSON the route sends. */
async function fresh(scope: string, now: string, organizationId = tenant.organizationId, locale: 'en' | 'nl' = 'en') {
  const answer = await dashboard(
    { pool: db.pool },
    { organizationId, scope: parseScope(scope)!, periodType: march.period, date: march.date, now, locale },
  )
  return JSON.parse(JSON.stringify(answer)) as DashboardBody
}

/** GETs every scope's dashboard through the cache and checks each equals a fresh computation. */
async function cachedEqualsFresh(): Promise<Record<string, DashboardBody>> {
  const answers: Record<string, DashboardBody> = {}
  for (const { as, scope } of views()) {
    const body = await getDashboard(as, scope)
    expect(body, scope).toEqual(await fresh(scope, body.now))
    answers[scope] = body
  }
  return answers
}

/** The write must show in these scopes' answers (a cache that kept the old answer fails here and above). */
function expectChanged(before: Record<string, DashboardBody>, after: Record<string, DashboardBody>, scopes: string[]) {
  for (const scope of scopes) expect(after[scope]!.focusAreas, scope).not.toEqual(before[scope]!.focusAreas)
}

const card = (body: DashboardBody, key: string) => body.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === key)!
const wonRevenue = (body: DashboardBody) => card(body, 'revenue.won').value.value

describe('the dashboard answer cache follows every write', () => {
  test('API insert, update, delete; CSV import; direct SQL; target, threshold, layout; a rep moved', async () => {
    const [team0, team1] = tenant.teams
    const [rep0, rep1] = team0.reps
    const org = 'org'
    const team = `team:${team0.id}`
    const me = `rep:${rep0.id}`

    let before = await cachedEqualsFresh()
    // Served from the cache the second time: no computation.
    const computed = app.kpiAnswers.computations
    const again = await cachedEqualsFresh()
    expect(app.kpiAnswers.computations).toBe(computed)
    expect(again[org]!.now).toBe(before[org]!.now)
    expect([wonRevenue(before[org]!), wonRevenue(before[team]!), wonRevenue(before[me]!)]).toEqual([0, 0, 0])

    // 1. insert through the API: a won deal of 1000 for rep0 (team 0) in March.
    const deal = (await call('POST', '/api/deals', rep, {
      name: 'Cache deal',
      type: 'NEW_BUSINESS',
      stage: 'Won',
      probability: 100,
      status: 'WON',
      amount: '1000',
      createdAt: '2026-03-02T09:00:00Z',
      closedAt: '2026-03-05T10:00:00Z',
    }))!
    let after = await cachedEqualsFresh()
    expect([wonRevenue(after[org]!), wonRevenue(after[team]!), wonRevenue(after[me]!)]).toEqual([1000, 1000, 1000])
    expectChanged(before, after, [org, team, me])
    before = after

    // 2. update through the API: 1000 → 1500.
    await call('PATCH', `/api/deals/${String(deal['id'])}`, rep, { version: 1, amount: '1500' })
    after = await cachedEqualsFresh()
    expect([wonRevenue(after[org]!), wonRevenue(after[team]!), wonRevenue(after[me]!)]).toEqual([1500, 1500, 1500])
    expectChanged(before, after, [org, team, me])
    before = after

    // 3. delete through the API.
    await call('DELETE', `/api/deals/${String(deal['id'])}`, rep)
    after = await cachedEqualsFresh()
    expect([wonRevenue(after[org]!), wonRevenue(after[team]!), wonRevenue(after[me]!)]).toEqual([0, 0, 0])
    expectChanged(before, after, [org, team, me])
    before = after

    // 4. CSV import through the import route: two won deals of rep1 (team 0, not rep0) → org and team change,
    // rep0's figures stay what they were.
    const csv = [
      'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt,closedAt',
      `C-1,One,${rep1.email},NEW_BUSINESS,Won,100,WON,200.00,2026-03-01,2026-03-03T10:00:00Z`,
      `C-2,Two,${rep1.email},UPSELL,Won,100,WON,300.00,2026-03-01,2026-03-04T10:00:00Z`,
    ].join('\r\n')
    const form = new FormData()
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'deals.csv')
    const imported = await fetch(`${base}/api/import/deals?dryRun=false`, {
      method: 'POST',
      headers: admin.headers,
      body: form,
    })
    expect(await imported.json()).toMatchObject({ inserted: 2 })
    after = await cachedEqualsFresh()
    expect([wonRevenue(after[org]!), wonRevenue(after[team]!), wonRevenue(after[me]!)]).toEqual([500, 500, 0])
    expect(after[me]!.focusAreas).toEqual(before[me]!.focusAreas)
    expectChanged(before, after, [org, team])
    before = after

    // 5. a direct SQL UPDATE, past the API: 200 → 250.
    await db.pool.query(`UPDATE deals SET amount = 250 WHERE organization_id = $1 AND external_id = 'C-1'`, [
      tenant.organizationId,
    ])
    after = await cachedEqualsFresh()
    expect([wonRevenue(after[org]!), wonRevenue(after[team]!)]).toEqual([550, 550])
    expectChanged(before, after, [org, team])
    before = after

    // 6. a target for the team: its card gets the target.
    expect(card(before[team]!, 'revenue.won').target ?? null).toBeNull()
    await call('PUT', '/api/targets', admin, {
      targets: [{ kpiKey: 'revenue.won', scope: team, periodType: 'month', periodStart: '2026-03-01', value: 1100 }],
    })
    after = await cachedEqualsFresh()
    // 550 of 1100 in a finished month: half the target.
    expect(card(after[team]!, 'revenue.won')).toMatchObject({ target: { full: 1100 }, status: 'red' })
    expectChanged(before, after, [team])
    before = after

    // 7. a threshold: green from 50 % of target turns the team's 550 of 1100 green.
    await call('PUT', '/api/thresholds/revenue.won', admin, { mode: 'relative', greenFrom: 50, orangeFrom: 25 })
    after = await cachedEqualsFresh()
    expect(card(after[team]!, 'revenue.won').status).toBe('green')
    expectChanged(before, after, [team])
    before = after

    // 8. the layout: one area with one KPI, for every scope.
    await call('PUT', '/api/layout', admin, {
      version: 0,
      areas: [{ key: 'money', name: { en: 'Money', nl: 'Geld' }, kpiKeys: ['revenue.won', 'deals.win_rate'] }],
    })
    after = await cachedEqualsFresh()
    for (const { scope } of views()) expect(after[scope]!.focusAreas.map((a) => a.key)).toEqual(['money'])
    expectChanged(before, after, [org, team, me])
    before = after

    // 9. rep1 moves to team 1: team 0's per-rep breakdown loses them.
    const breakdownKeys = (body: DashboardBody) =>
      (card(body, 'revenue.won') as Card & { breakdown?: { key: string }[] }).breakdown?.map((r) => r.key)
    expect(breakdownKeys(before[team]!)).toContain(`rep:${rep1.id}`)
    await call('PATCH', `/api/users/${rep1.id}`, admin, { version: 1, teamId: team1.id })
    after = await cachedEqualsFresh()
    expect(breakdownKeys(after[team]!)).toEqual([`rep:${rep0.id}`])
    expectChanged(before, after, [team])
  })
})

describe('answer cache: isolation, single flight, ETag', () => {
  test("another organisation's write leaves this organisation's answers cached", async () => {
    const other = await loginAs(base, tenant.other.admin.email)
    const first = await getDashboard(other, 'org', '&locale=nl')
    const computations = app.kpiAnswers.computations
    const version = await readDataVersion(db.pool, tenant.organizationId)
    // A write in this tenant's organisation: its version moves, the other's answer is still served from the cache.
    await db.pool.query(`UPDATE organizations SET name = name || '.' WHERE id = $1`, [tenant.organizationId])
    expect((await readDataVersion(db.pool, tenant.organizationId)).counter).toBe(version.counter + 1n)
    const second = await getDashboard(other, 'org', '&locale=nl')
    expect(app.kpiAnswers.computations).toBe(computations)
    expect(second).toEqual(first)
    expect(second).toEqual(await fresh('org', second.now, tenant.other.organizationId, 'nl'))
  })

  test('20 concurrent identical requests run one computation', async () => {
    const computations = app.kpiAnswers.computations
    const scope = `team:${tenant.teams[1].id}`
    const bodies = await Promise.all(Array.from({ length: 20 }, () => getDashboard(admin, scope, '&locale=nl')))
    expect(app.kpiAnswers.computations - computations).toBe(1)
    for (const body of bodies) expect(body).toEqual(bodies[0])
  })

  test('ETag and 304: same answer → 304 without a body or a computation; after a write → 200 and a new ETag', async () => {
    const url = `${base}/api/dashboard?scope=org&period=quarter&date=2026-02-01`
    const first = await fetch(url, { headers: admin.headers })
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"[\w-]+"$/)
    await first.json()

    const computations = app.kpiAnswers.computations
    const revalidated = await fetch(url, { headers: { ...admin.headers, 'if-none-match': etag } })
    expect(revalidated.status).toBe(304)
    expect(await revalidated.text()).toBe('')
    expect(revalidated.headers.get('etag')).toBe(etag)
    expect(app.kpiAnswers.computations).toBe(computations)

    // Another period is another answer.
    const month = await fetch(`${base}/api/dashboard?scope=org&period=month&date=2026-02-01`, {
      headers: { ...admin.headers, 'if-none-match': etag },
    })
    expect(month.status).toBe(200)
    expect(month.headers.get('etag')).not.toBe(etag)
    await month.text()

    await db.pool.query(`INSERT INTO holidays (organization_id, date, name) VALUES ($1, '2026-02-16', 'Carnival')`, [
      tenant.organizationId,
    ])
    const changed = await fetch(url, { headers: { ...admin.headers, 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
    const body = (await changed.json()) as DashboardBody
    expect(body).toEqual(
      JSON.parse(
        JSON.stringify(
          await dashboard(
            { pool: db.pool },
            {
              organizationId: tenant.organizationId,
              scope: { type: 'org' },
              periodType: 'quarter',
              date: '2026-02-01',
              now: body.now,
              locale: 'en',
            },
          ),
        ),
      ),
    )
  })

  test('KPI detail: cached answer equals a fresh one after a write; 304 on its ETag', async () => {
    const scope = `team:${tenant.teams[1].id}`
    const url = `${base}/api/kpis/revenue.won?scope=${scope}&period=month&date=${march.date}&pageSize=5`
    const detailOf = async (response: Response) => {
      expect(response.status).toBe(200)
      const body = (await response.json()) as Json & { now: string; records: unknown }
      const { records: _records, ...detail } = body
      const computed = await kpiDetail(
        { pool: db.pool },
        {
          organizationId: tenant.organizationId,
          scope: parseScope(scope)!,
          periodType: 'month',
          date: march.date,
          now: body.now,
          locale: 'en',
          key: 'revenue.won',
          viewer: { id: tenant.admin.id, role: 'admin', organizationId: tenant.organizationId },
        },
      )
      expect(detail).toEqual(JSON.parse(JSON.stringify(computed)))
      return body
    }
    const first = await fetch(url, { headers: admin.headers })
    const etag = first.headers.get('etag')!
    const before = await detailOf(first)
    const notModified = await fetch(url, { headers: { ...admin.headers, 'if-none-match': etag } })
    expect(notModified.status).toBe(304)

    await call('POST', '/api/deals', admin, {
      name: 'Team 1 deal',
      ownerId: tenant.teams[1].reps[0].id,
      type: 'NEW_BUSINESS',
      stage: 'Won',
      probability: 100,
      status: 'WON',
      amount: '700',
      createdAt: '2026-03-02T09:00:00Z',
      closedAt: '2026-03-06T10:00:00Z',
    })
    const after = await detailOf(await fetch(url, { headers: { ...admin.headers, 'if-none-match': etag } }))
    expect((after['kpi'] as Card).value.value).toBe(((before['kpi'] as Card).value.value ?? 0) + 700)
    expect((after['records'] as { total: number }).total).toBe((before['records'] as { total: number }).total + 1)
  })
})

describe('KPI_CACHE_ENTRIES=0', () => {
  test('turns the cache off: every request computes, nothing is kept, answers stay right', async () => {
    const uncached = await buildApp({ config: testConfig({ kpiCacheEntries: 0 }), store: db })
    try {
      expect(uncached.kpiAnswers.enabled).toBe(false)
      for (let i = 0; i < 3; i++) {
        const response = await uncached.inject({
          url: `/api/dashboard?scope=org&period=month&date=${march.date}`,
          headers: admin.headers,
        })
        expect(response.statusCode).toBe(200)
        const body = response.json<DashboardBody>()
        expect(body).toEqual(await fresh('org', body.now))
      }
      expect(uncached.kpiAnswers.computations).toBe(3)
      expect(uncached.kpiAnswers.size).toBe(0)
    } finally {
      await uncached.close()
    }
  })
})

describe('a warm answer', () => {
  // What a cached answer costs the database: the session lookup and one figure-request statement (access facts,
  // settings, data version together). Each extra round trip showed in the rep dashboard's p95 under load.
  test.each([
    ['a rep on their team (the leaderboard switch is read too)', () => rep, () => `team:${tenant.teams[0].id}`],
    ['a manager on their team', () => manager, () => `team:${tenant.teams[0].id}`],
    ['the admin on the organisation', () => admin, () => 'org'],
  ])('for %s is two statements', async (_name, as, scope) => {
    await getDashboard(as(), scope())
    const statements: string[] = []
    const query = db.pool.query.bind(db.pool)
    const counting = ((...args: Parameters<typeof query>) => {
      statements.push(String(typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text))
      return query(...args)
    }) as typeof query
    db.pool.query = counting
    try {
      await getDashboard(as(), scope())
    } finally {
      db.pool.query = query
    }
    expect(statements).toHaveLength(2)
    expect(statements[0]).toContain('FROM sessions s')
    expect(statements[1]).toContain('kpi_data_versions')
  })
})
