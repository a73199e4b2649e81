import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { loginAs } from '../testing/login-as.ts'
import { testConfig } from '../testing/test-app.ts'
import { alertsTenant, NOW, winBigDeal } from './alerts-fixture.ts'

// The app with alerts on, as server.ts runs it — but with a short debounce, no run at start, no cron runs during
// the test, and the clock fixed at NOW. `app.alerts.idle()` waits for the background work. Seeding a tenant is a
// write too (the trigger announces it), so each test lets that detection finish first.

let db: TestDatabase
let app: App
beforeAll(async () => {
  db = await createTestDatabase()
  app = await buildApp({
    config: testConfig(),
    store: db,
    alerts: {
      debounceMs: 20,
      runAtStart: false,
      detectCron: null,
      deliverCron: null,
      pollMs: 500,
      clock: () => new Date(NOW),
    },
  })
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

const statusRows = async (organizationId: number) =>
  (await db.pool.query(`SELECT count(*)::int AS n FROM kpi_statuses WHERE organization_id = $1`, [organizationId]))
    .rows[0].n as number
/** A committed change to the organisation's data, as every writer's transaction makes it (the trigger's call). */
const dataChanged = (organizationId: number) =>
  db.pool.query('SELECT kpi_bump_data_versions(ARRAY[$1]::int[])', [organizationId])
const detectionsQueued = async () =>
  (await db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'alerts.detect'`)).rows[0].n as number
const notified = async (organizationId: number) =>
  (
    await db.pool.query<{ user_id: number }>(
      `SELECT DISTINCT user_id FROM notifications WHERE organization_id = $1 AND kpi_key = 'revenue.won' ORDER BY 1`,
      [organizationId],
    )
  ).rows.map((r) => r.user_id)

describe('alerts in the running app', () => {
  test('a dashboard read never triggers detection', async () => {
    const tenant = await alertsTenant(db.pool)
    await app.alerts!.idle()
    const before = await detectionsQueued()
    const admin = await loginAs(app, tenant.admin.email)
    const rep = tenant.teams[0].reps[0]
    for (const scope of ['org', `team:${tenant.teams[0].id}`, `rep:${rep.id}`]) {
      const response = await app.inject({ url: `/api/dashboard?scope=${scope}&period=month`, headers: admin.headers })
      expect(response.statusCode).toBe(200)
    }
    await app.alerts!.idle()
    expect(await detectionsQueued()).toBe(before)
  })

  test('a record change is picked up in the background (debounced); a threshold change via the API too', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    const rep = tenant.teams[0].reps[0]
    const expected = [tenant.admin.id, tenant.teams[0].manager.id, rep.id].sort((a, b) => a - b)

    // Three changes in a row (an import), one detection: the first observation, nobody told.
    await app.alerts!.idle()
    for (let i = 0; i < 3; i++) await dataChanged(organizationId)
    await app.alerts!.idle()
    expect(await statusRows(organizationId)).toBeGreaterThan(0)
    expect(await notified(organizationId)).toEqual([])

    // Threshold: green from 0 % of the pro-rated target — 0 won is now "on track" (red → green).
    const admin = await loginAs(app, tenant.admin.email)
    const put = await app.inject({
      method: 'PUT',
      url: '/api/thresholds/revenue.won',
      headers: admin.headers,
      payload: { mode: 'relative', greenFrom: 0, orangeFrom: 0 },
    })
    expect(put.statusCode, put.body).toBe(200)
    await app.alerts!.idle()
    expect(await notified(organizationId)).toEqual(expected)

    // A won deal keeps it green: nothing new.
    const before = (
      await db.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE organization_id = $1`, [organizationId])
    ).rows[0].n
    await winBigDeal(db.pool, tenant) // the trigger announces it
    await app.alerts!.idle()
    const after = (
      await db.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE organization_id = $1`, [organizationId])
    ).rows[0].n
    expect(after).toBe(before)
  })

  test('a CSV import lets detection go when it ends (held meanwhile: scheduler.test.ts), also when refused', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    const rep = tenant.teams[0].reps[0]
    const admin = await loginAs(app, tenant.admin.email)
    const header = 'externalId,name,ownerEmail,type,stage,probability,status,amount,createdAt,closedAt'
    const importDeals = (rows: string[]) =>
      app.inject({
        method: 'POST',
        url: '/api/import/deals?dryRun=false',
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        payload: [header, ...rows].join('\n') + '\n',
      })
    const refused = await importDeals([`X-1,Bad,${rep.email},NEW_BUSINESS,Won,100,WON,lots,2026-11-02,2026-11-10`])
    expect(refused.statusCode).toBe(422)
    // The refused import released its hold: a change is evaluated as usual.
    await dataChanged(organizationId)
    await app.alerts!.idle()
    expect(await statusRows(organizationId)).toBeGreaterThan(0) // red, recorded silently
    expect(await notified(organizationId)).toEqual([])

    const imported = await importDeals([
      `X-2,Big,${rep.email},NEW_BUSINESS,Won,100,WON,20000.00,2026-11-02,2026-11-10T10:00:00Z`,
    ])
    expect(imported.statusCode, imported.body).toBe(200)
    await app.alerts!.idle()
    // The import's own change was detected once it had finished: the rep's won revenue turned green.
    const expected = [tenant.admin.id, tenant.teams[0].manager.id, rep.id].sort((a, b) => a - b)
    expect(await notified(organizationId)).toEqual(expected)
  })

  test('a write through another API instance (another replica) makes this one re-evaluate', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    await app.alerts!.idle() // the seeding's detection: red, recorded silently
    const other = await buildApp({ config: testConfig(), store: db }) // alerts off: it only writes
    try {
      const admin = await loginAs(other, tenant.admin.email)
      const put = await other.inject({
        method: 'PUT',
        url: '/api/thresholds/revenue.won',
        headers: admin.headers,
        payload: { mode: 'relative', greenFrom: 0, orangeFrom: 0 },
      })
      expect(put.statusCode, put.body).toBe(200)
    } finally {
      await other.close()
    }
    await app.alerts!.idle()
    const expected = [tenant.admin.id, tenant.teams[0].manager.id, tenant.teams[0].reps[0].id].sort((a, b) => a - b)
    expect(await notified(organizationId)).toEqual(expected) // red → green, told by this instance
  })
})
