import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { seedTenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'
import { loginAs } from '../testing/login-as.ts'
import { insertSends, queueDueDigests } from './due.ts'
import { NO_SMTP, sendDigests, type SendDeps } from './send.ts'

// What happens when building a digest fails (here: an organisation whose stored time zone no longer exists, so
// every date computation throws): retried after each back-off, then FAILED with the error for the admin.

let db: TestDatabase
let app: App

beforeAll(async () => {
  db = await createTestDatabase()
  const config = testConfig({ mail: { smtpUrl: 'smtp://127.0.0.1:9', from: 'KPI <kpi@example.test>' } })
  app = await buildApp({ config, store: db })
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

test('a failure while building: attempts + 1 and the next attempt after 1 min, then 5 min; FAILED after the last', async () => {
  const tenant = await seedTenant(db.pool)
  await db.pool.query(`UPDATE organizations SET time_zone = 'Mars/Olympus_Mons' WHERE id = $1`, [tenant.organizationId])
  const rep = tenant.teams[0].reps[0]
  const t0 = new Date('2026-12-07T07:00:00.000Z')
  const [id] = await insertSends(
    db.pool,
    tenant.organizationId,
    [{ userId: rep.id, webhookId: null, dueAt: t0, scope: `rep:${rep.id}`, period: 'month' }],
    { manual: false, now: t0 },
  )
  const deps: SendDeps = {
    pool: db.pool,
    mail: app.mail,
    publicUrl: 'https://kpi.example.test',
    wakeWebhooks: () => {},
  }
  const row = async () =>
    (
      await db.pool.query(
        `SELECT status::text, attempts, next_attempt_at, last_error, mail_message_id FROM digest_sends WHERE id = $1`,
        [id],
      )
    ).rows[0]

  expect(await sendDigests(deps, { now: t0 })).toEqual([{ id, status: 'pending', error: expect.any(String) }])
  expect(await row()).toMatchObject({
    status: 'PENDING',
    attempts: 1,
    next_attempt_at: new Date('2026-12-07T07:01:00Z'),
  })
  expect((await row()).last_error).toMatch(/Mars\/Olympus_Mons|time zone/i)
  // not due yet a second before its back-off ends
  expect(await sendDigests(deps, { now: new Date('2026-12-07T07:00:59Z') })).toEqual([])
  await sendDigests(deps, { now: new Date('2026-12-07T07:01:00Z') })
  expect(await row()).toMatchObject({
    status: 'PENDING',
    attempts: 2,
    next_attempt_at: new Date('2026-12-07T07:06:00Z'),
  })
  await sendDigests(deps, { now: new Date('2026-12-07T07:06:00Z') })
  expect(await row()).toMatchObject({ attempts: 3, next_attempt_at: new Date('2026-12-07T07:36:00Z') })
  const last = await sendDigests(deps, { now: new Date('2026-12-07T07:36:00Z') })
  expect(last).toEqual([{ id, status: 'failed', error: expect.any(String) }])
  expect(await row()).toMatchObject({ status: 'FAILED', attempts: 4, mail_message_id: null })
  // and it is never picked up again
  expect(await sendDigests(deps, { now: new Date('2026-12-08T07:00:00Z') })).toEqual([])
})

test('without SMTP: "send me a test" is FAILED saying so, and the overview says e-mail digests cannot go out', async () => {
  const noMail = await buildApp({ config: testConfig(), store: db })
  try {
    const tenant = await seedTenant(db.pool)
    const rep = await loginAs(noMail, tenant.teams[0].reps[0].email)
    const test = await noMail.inject({ method: 'POST', url: '/api/me/digest/test', headers: rep.headers })
    expect(test.json()).toMatchObject({ status: 'failed', lastError: NO_SMTP, handoff: null })
    const admin = await loginAs(noMail, tenant.admin.email)
    const overview = (await noMail.inject({ url: '/api/digests', headers: admin.headers })).json()
    expect(overview).toMatchObject({ enabled: true, mailEnabled: false, failedLast7Days: 1 })
    expect(overview.recipients.every((r: { nextDueAt: string | null }) => r.nextDueAt === null)).toBe(true)
    // the scheduler creates no e-mail digests it could only fail
    expect(
      await queueDueDigests(db.pool, { now: new Date(), mailEnabled: false, organizationId: tenant.organizationId }),
    ).toEqual([])
  } finally {
    await noMail.close()
  }
})
