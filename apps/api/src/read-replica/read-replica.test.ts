import { PassThrough } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { createPool, createPrisma } from '@kpi/db/client'
import { startReplicatedCluster, type ReplicatedCluster } from '@kpi/db/testing/replicated-cluster'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { alertsTenant, NOW } from '../alerts/alerts-fixture.ts'
import { isHeld } from '../alerts/hold.ts'
import { startReceiver } from '../alerts/receiver.ts'
import { buildApp, type App } from '../app.ts'
import type { AppStore } from '../plugins/store.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

// Beyond one machine (docs/decisions/0042-read-replica.md), as a customer runs it: one PostgreSQL primary, one
// streaming read replica of it (made with the low-level base backup API, @kpi/db/replica), and two API replicas A
// and B — each its own app with its own pools, answer cache and alert scheduler (pg-boss workers), reading KPI
// aggregates from the read replica. C reads the primary alone, as every installation did before.

let cluster: ReplicatedCluster
const stores: (AppStore & { readPool: pg.Pool | null })[] = []
const apps: App[] = []
let a: App
let b: App
let c: App

/** An API replica: its own pools (on the read replica too, or not) and answer cache, with alerts running or not. */
async function startApi({ readFromReplica, alerts }: { readFromReplica: boolean; alerts: boolean }): Promise<App> {
  const store = {
    pool: createPool(cluster.primaryUrl),
    prisma: createPrisma(cluster.primaryUrl),
    readPool: readFromReplica ? createPool(cluster.replicaUrl) : null,
  }
  stores.push(store)
  const config = testConfig({
    webhookAllowPrivateHosts: true,
    readReplicaMaxWaitMs: 100,
    rateLimits: { importsPerHour: 1, exportsPerHour: 0, writesPerMinute: 0 },
  })
  // As server.ts runs alerts, but with a short debounce, nothing at start or by cron, and the clock at NOW.
  const clock = () => new Date(NOW)
  const app = await buildApp({
    config,
    store,
    alerts: alerts && { debounceMs: 20, runAtStart: false, detectCron: null, deliverCron: null, pollMs: 500, clock },
  })
  apps.push(app)
  return app
}

beforeAll(async () => {
  cluster = await startReplicatedCluster()
  a = await startApi({ readFromReplica: true, alerts: true })
  b = await startApi({ readFromReplica: true, alerts: true })
  c = await startApi({ readFromReplica: false, alerts: false })
})

afterAll(async () => {
  await Promise.allSettled(apps.map((app) => app.close()))
  await Promise.allSettled(stores.flatMap((s) => [s.pool.end(), s.prisma.$disconnect(), s.readPool?.end()]))
  await cluster?.[Symbol.asyncDispose]()
})

const primary = () => stores[0]!.pool
const replica = () => stores[0]!.readPool!
const bothIdle = () => Promise.all([a.alerts!.idle(), b.alerts!.idle()])

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await sleep(20)
  }
}

/** September to November 2026, per rep: deals of every status, leads through the funnel, activities. */
async function seedSales(tenant: Tenant): Promise<void> {
  const reps = `users u JOIN customers c ON c.owner_id = u.id AND u.organization_id = $1 AND u.role = 'REP'`
  await primary().query(
    `INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                        created_at, closed_at)
     SELECT $1, 'Deal ' || u.id || '-' || g, u.id, u.team_id, c.id,
            (CASE WHEN g % 3 = 0 THEN 'UPSELL' ELSE 'NEW_BUSINESS' END)::"DealType", 'stage',
            (ARRAY[40, 100, 100, 0])[1 + g % 4], (ARRAY['OPEN', 'WON', 'WON', 'LOST'])[1 + g % 4]::"DealStatus",
            500 + 37 * g, t, CASE WHEN g % 4 <> 0 THEN t + INTERVAL '5 days' END
       FROM ${reps}, generate_series(1, 40) g, LATERAL (SELECT '2026-09-01'::timestamptz + g * INTERVAL '2 days 1 hour' AS t) s`,
    [tenant.organizationId],
  )
  await primary().query(
    `INSERT INTO leads (organization_id, name, channel, owner_id, team_id, created_at, mql_at, sql_at)
     SELECT $1, 'Lead ' || u.id || '-' || g, (ARRAY['web', 'event', 'referral'])[1 + g % 3], u.id, u.team_id, t,
            CASE WHEN g % 2 = 0 THEN t + INTERVAL '2 days' END, CASE WHEN g % 4 = 0 THEN t + INTERVAL '4 days' END
       FROM ${reps}, generate_series(1, 30) g, LATERAL (SELECT '2026-09-01'::timestamptz + g * INTERVAL '2 days 7 hours' AS t) s`,
    [tenant.organizationId],
  )
  await primary().query(
    `INSERT INTO activities (organization_id, type, user_id, team_id, customer_id, occurred_at)
     SELECT $1, (ARRAY['CALL', 'MEETING', 'PROPOSAL', 'EMAIL'])[1 + g % 4]::"ActivityType", u.id, u.team_id, c.id,
            '2026-09-01'::timestamptz + g * INTERVAL '1 day 9 hours'
       FROM ${reps}, generate_series(1, 60) g`,
    [tenant.organizationId],
  )
}

const month = 'period=month&date=2026-11-16'
const DEALS_CSV_HEADER = 'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt,closedAt'

/** A GET as `as`, with its body less `now` (when it was asked, not a figure) and which server computed it. */
async function get(app: App, as: Session, url: string) {
  const response = await app.inject({ url, headers: as.headers })
  expect(response.statusCode, response.body).toBe(200)
  const body = response.headers['content-type']?.startsWith('application/json')
    ? JSON.stringify({ ...response.json<object>(), now: undefined })
    : response.body
  return { body, read: response.headers['x-kpi-read'] }
}

type Card = { key: string; value: { kind: string; value?: number } }
const wonRevenue = (body: string) =>
  (JSON.parse(body) as { focusAreas: { kpis: Card[] }[] }).focusAreas
    .flatMap((area) => area.kpis)
    .find((card) => card.key === 'revenue.won')!.value

const wonDeal = (ownerId: number, amount: string) => ({
  name: `Won ${amount}`,
  type: 'NEW_BUSINESS',
  stage: 'won',
  status: 'WON',
  probability: 100,
  amount,
  ownerId,
  createdAt: '2026-11-02T10:00:00Z',
  closedAt: '2026-11-10T10:00:00Z',
})

/** A won deal of `amount` for the rep, posted through `app` as `as` (201 expected). */
async function postWonDeal(app: App, as: { headers: Record<string, string> }, ownerId: number, amount: string) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/deals',
    headers: as.headers,
    payload: wonDeal(ownerId, amount),
  })
  expect(created.statusCode, created.body).toBe(201)
}

describe('two API replicas and a streaming read replica', () => {
  let tenant: Tenant
  beforeAll(async () => {
    tenant = await seedTenant(primary())
    await seedSales(tenant)
    await cluster.caughtUp()
  })

  test('both API replicas and a primary-only app give the same answers (org, team, rep), computed on the read replica', async () => {
    const sessions = await Promise.all(apps.map((app) => loginAs(app, tenant.admin.email)))
    const team = tenant.teams[0]
    const urls = [
      ...['org', `team:${team.id}`, `rep:${team.reps[0].id}`].map((scope) => `/api/dashboard?scope=${scope}&${month}`),
      `/api/kpis/revenue.won?scope=team:${team.id}&${month}`,
      `/api/export/kpis/revenue.won/breakdown.csv?scope=team:${team.id}&${month}`,
    ]
    // A version no answer was computed for yet (the tests share the tenant and may run in any order), replayed.
    await primary().query(`UPDATE teams SET name = name WHERE id = $1`, [team.id])
    await cluster.caughtUp()
    const before = [a.kpiReads.counts.replica, b.kpiReads.counts.replica]
    for (const url of urls) {
      const [fromA, fromB, fromC] = await Promise.all(apps.map((app, i) => get(app, sessions[i]!, url)))
      expect([fromA!.read, fromB!.read, fromC!.read], url).toEqual(['replica', 'replica', undefined])
      expect(fromA!.body, url).toBe(fromC!.body)
      expect(fromB!.body, url).toBe(fromC!.body)
    }
    expect(wonRevenue((await get(c, sessions[2]!, urls[0]!)).body)).toMatchObject({ kind: 'value' })
    expect([a.kpiReads.counts.replica - before[0]!, b.kpiReads.counts.replica - before[1]!]).toEqual([
      urls.length,
      urls.length,
    ])
  })

  test("a write through A is in B's very next answer: from the primary while replay is paused, the replica again once it resumes", async () => {
    const rep = tenant.teams[0].reps[1]
    const [asA, asB] = [await loginAs(a, rep.email), await loginAs(b, rep.email)]
    const url = `/api/dashboard?scope=rep:${rep.id}&${month}`
    const before = wonRevenue((await get(b, asB, url)).body).value!

    await cluster.pauseReplay()
    try {
      await postWonDeal(a, asA, rep.id, '1234.00')
      const behind = b.kpiReads.counts.primaryBehind
      const onB = await get(b, asB, url)
      expect(wonRevenue(onB.body).value).toBe(before + 1234)
      expect(onB.read).toBe('primary')
      expect(b.kpiReads.counts.primaryBehind).toBe(behind + 1)
      // The replica really is behind: the deal is not there yet.
      const { rowCount } = await replica().query(`SELECT 1 FROM deals WHERE name = 'Won 1234.00' AND owner_id = $1`, [
        rep.id,
      ])
      expect(rowCount).toBe(0)
    } finally {
      await cluster.resumeReplay()
    }
    await cluster.caughtUp()
    const onA = await get(a, asA, url) // A's cache has no answer of this version yet
    expect(onA.read).toBe('replica')
    expect(wonRevenue(onA.body).value).toBe(before + 1234)
    expect(onA.body).toBe((await get(b, asB, url)).body) // the same version: the same figures, either server

    // Without a pause, the read after a write waits for replay (≤ 100 ms here) or reads the primary: never older.
    await postWonDeal(a, asA, rep.id, '10.00')
    expect(wonRevenue((await get(b, asB, url)).body).value).toBe(before + 1244)
  })
})

describe('alerts, jobs and import holds across API replicas', () => {
  const notifications = async (organizationId: number) =>
    (
      await primary().query<{ user_id: number; n: number }>(
        `SELECT user_id, count(*)::int AS n FROM notifications WHERE organization_id = $1 AND kpi_key = 'revenue.won'
          GROUP BY user_id ORDER BY user_id`,
        [organizationId],
      )
    ).rows
  /** The rep's won revenue turning green tells the admin, the team's manager and the rep, each once. */
  const toldOnce = (tenant: Tenant) =>
    [tenant.admin.id, tenant.teams[0].manager.id, tenant.teams[0].reps[0].id]
      .sort((x, y) => x - y)
      .map((user_id) => ({ user_id, n: 1 }))

  test('a change written through B is detected once with both running: one notification each, one webhook call', async () => {
    const tenant = await alertsTenant(primary()) // the rep is red on won revenue
    await bothIdle() // the seeding's detection: colours recorded silently
    await using receiver = await startReceiver()
    const admin = await loginAs(a, tenant.admin.email)
    const hook = await a.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: receiver.url },
    })
    expect(hook.statusCode, hook.body).toBe(201)

    const rep = tenant.teams[0].reps[0]
    const asRep = await loginAs(b, rep.email)
    await postWonDeal(b, asRep, rep.id, '20000.00')
    await bothIdle() // both heard the change (LISTEN); one detection ran, then one delivery job
    expect(await notifications(tenant.organizationId)).toEqual(toldOnce(tenant))
    expect(receiver.received.map((call) => JSON.parse(call.body))).toMatchObject([
      { type: 'kpi.status_changed', kpiKey: 'revenue.won', scope: `rep:${rep.id}`, to: 'green' },
    ])
  })

  test('an import running on A holds detection on B; when it ends the change is detected once', async () => {
    const tenant = await alertsTenant(primary())
    await bothIdle()
    const rep = tenant.teams[0].reps[0]
    const admin = await loginAs(a, tenant.admin.email)
    const csv = new PassThrough()
    const importing = a.inject({
      method: 'POST',
      url: '/api/import/deals?dryRun=false',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: csv,
    })
    csv.write(`${DEALS_CSV_HEADER}\n`)
    await until(() => isHeld(stores[1]!.pool), "B's connection sees A's hold")

    // B takes a won deal meanwhile; whichever replica's worker picks the detection puts it off.
    const asRep = await loginAs(b, rep.email)
    await postWonDeal(b, asRep, rep.id, '20000.00')
    await until(
      async () =>
        (
          await primary().query(
            `SELECT 1 FROM pgboss.job WHERE name = 'alerts.detect' AND state = 'created' AND data ? 'putOff'
                AND (data->>'organizationId')::int = $1`,
            [tenant.organizationId],
          )
        ).rowCount === 1,
      'the detection is put off',
    )
    expect(await notifications(tenant.organizationId)).toEqual([])

    csv.end(`X-1,Open one,${rep.email},NEW_BUSINESS,Proposal,40,OPEN,100.00,2026-11-03,\n`)
    const imported = await importing
    expect(imported.statusCode, imported.body).toBe(200)
    await bothIdle() // A's release lets the put-off detection go
    expect(await isHeld(primary())).toBe(false)
    expect(await notifications(tenant.organizationId)).toEqual(toldOnce(tenant))
  })

  test('the import allowance is counted once for all replicas: an import on A uses it up on B', async () => {
    const tenant = await seedTenant(primary())
    const dryRun = async (app: App) =>
      app.inject({
        method: 'POST',
        url: '/api/import/deals',
        headers: { ...(await loginAs(app, tenant.admin.email)).headers, 'content-type': 'text/csv' },
        payload: `${DEALS_CSV_HEADER}\nX-1,Open one,${tenant.teams[0].reps[0].email},NEW_BUSINESS,Proposal,40,OPEN,1.00,2026-11-03,\n`,
      })
    expect((await dryRun(a)).statusCode).toBe(200) // 1 an hour per person (set above)
    const refused = await dryRun(b)
    expect([refused.statusCode, refused.json<{ error: string }>().error]).toEqual([429, 'too_many_requests'])
  })
})
