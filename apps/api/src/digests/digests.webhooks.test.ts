import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { startReceiver } from '../alerts/receiver.ts'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'
import { dueToday, seedFigures } from './digests-fixture.ts'

// A team's digest to a Slack channel on the webhook's own schedule: created once per due time by the scheduler,
// handed to the webhook worker, received by a real receiver that judges the body as Slack does.

let db: TestDatabase
let app: App

beforeAll(async () => {
  db = await createTestDatabase()
  const config = testConfig({ webhookAllowPrivateHosts: true, publicUrl: 'https://kpi.example.test' })
  const alerts = { detectCron: null, deliverCron: null, runAtStart: false, pollMs: 500 }
  app = await buildApp({ config, store: db, alerts, digests: { worker: false } })
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

test("a webhook's scheduled team digest reaches Slack once, as blocks Slack accepts", async () => {
  await using receiver = await startReceiver(undefined, { like: 'slack' })
  const tenant = await seedTenant(db.pool)
  await seedFigures(db.pool, tenant)
  const admin = await loginAs(app, tenant.admin.email)
  const { hour, dueAt } = dueToday()
  const created = await app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: admin.headers,
    payload: {
      url: receiver.url,
      format: 'slack',
      scope: `team:${tenant.teams[0].id}`,
      digest: { frequency: 'daily', weekday: 1, hour },
    },
  })
  expect(created.statusCode).toBe(201)
  // Set up an hour before today's due time (a webhook made after it waits for tomorrow's).
  await db.pool.query(`UPDATE webhooks SET created_at = $2 WHERE id = $1`, [
    created.json().id,
    new Date(dueAt.getTime() - 3_600_000),
  ])

  const run = await app.inject({ method: 'POST', url: '/api/digests/run', headers: admin.headers, payload: {} })
  expect(run.json()).toMatchObject({
    queued: 1,
    sends: [
      {
        recipient: { type: 'webhook', id: created.json().id, name: new URL(receiver.url).host },
        channel: 'slack',
        scope: `team:${tenant.teams[0].id}`,
        dueAt: dueAt.toISOString(),
        status: 'sent',
      },
    ],
  })
  for (let i = 0; i < 40 && receiver.received.length === 0; i++) await sleep(250)
  expect(receiver.received).toHaveLength(1)
  expect(receiver.received[0]).toMatchObject({ violations: [], answeredWith: 200 })
  const body = JSON.parse(receiver.received[0]!.body) as { text: string; blocks: unknown[] }
  expect(body.text).toContain(tenant.teams[0].name)
  expect(body.blocks.length).toBeGreaterThan(0)

  // The same due time again: nothing more, and the admin's list shows the delivery's own state.
  expect(
    (await app.inject({ method: 'POST', url: '/api/digests/run', headers: admin.headers, payload: {} })).json(),
  ).toEqual({ queued: 0, sends: [] })
  await sleep(1_000)
  expect(receiver.received).toHaveLength(1)
  const sends = (await app.inject({ url: '/api/digests/sends', headers: admin.headers })).json()
  expect(sends.items[0]).toMatchObject({ channel: 'slack', handoff: { status: 'delivered', error: null } })
})
