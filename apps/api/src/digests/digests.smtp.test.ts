import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type SeededUser, type Tenant } from '../testing/seed-tenant.ts'
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp-server.ts'
import { testConfig } from '../testing/test-app.ts'
import { buildDigest } from './content.ts'
import { makeDue, seedFigures } from './digests-fixture.ts'
import { parseScope } from '@kpi/domain/scope'

// The "done when": scheduled digests arrive at a real SMTP server started here, and their figures agree
// with GET /api/dashboard for the same scope and period. The clock is the real one (as the dashboard route's):
// each recipient's digest is made due by choosing "daily at the current hour" — chosen an hour before that due
// time — so the suite passes on any date `pnpm test:dates` gives it.

const PUBLIC_URL = 'https://kpi.example.test'

let db: TestDatabase
let smtp: TestSmtpServer
let app: App

beforeAll(async () => {
  db = await createTestDatabase()
  smtp = await startSmtpServer()
  const config = testConfig({
    mail: { smtpUrl: smtp.url, from: 'KPI <kpi@example.test>' },
    publicUrl: PUBLIC_URL,
  })
  // The outbox retries a refused message after 200 ms, and gives up after the second attempt.
  const mail = { pollMs: 500, sweepCron: null, backoffMs: [200] }
  app = await buildApp({ config, store: db, mail, digests: { worker: false } })
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
  await db?.[Symbol.asyncDispose]()
})

const to = (user: SeededUser) => (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).some((address) => address?.text.includes(user.email))
const received = (user: SeededUser) => smtp.received.filter(to(user)).length

describe('scheduled digests by e-mail', () => {
  let tenant: Tenant
  let admin: Session
  let manager: Session
  let run: { queued: number; sends: { recipient: { id: number }; status: string; dueAt: string }[] }

  beforeAll(async () => {
    tenant = await seedTenant(db.pool)
    await db.pool.query(`UPDATE users SET locale = 'nl' WHERE id = $1`, [tenant.teams[0].reps[0].id])
    await seedFigures(db.pool, tenant)
    const dueAt = await makeDue(db.pool, tenant, [
      { user: tenant.teams[0].manager, scope: `team:${tenant.teams[0].id}` },
      { user: tenant.teams[0].reps[0], scope: `rep:${tenant.teams[0].reps[0].id}` },
    ])
    admin = await loginAs(app, tenant.admin.email)
    manager = await loginAs(app, tenant.teams[0].manager.email)
    const response = await app.inject({ method: 'POST', url: '/api/digests/run', headers: admin.headers, payload: {} })
    expect(response.statusCode).toBe(200)
    run = response.json()
    expect(run.sends.map((send) => send.dueAt)).toEqual([dueAt.toISOString(), dueAt.toISOString()])
  })

  test("the manager's digest arrives, and every KPI's value, target and status is the dashboard's", async () => {
    expect(run.sends.find((send) => send.recipient.id === tenant.teams[0].manager.id)?.status).toBe('sent')
    const mail = await smtp.waitFor(to(tenant.teams[0].manager))
    const text = mail.text ?? ''
    const scope = `team:${tenant.teams[0].id}`
    const dashboard = (
      await app.inject({ url: `/api/dashboard?scope=${scope}&period=month`, headers: manager.headers })
    ).json() as { focusAreas: { kpis: { key: string; status: string; value: unknown; target: unknown }[] }[] }
    const cards = new Map(dashboard.focusAreas.flatMap((area) => area.kpis).map((kpi) => [kpi.key, kpi]))

    // The same content the e-mail was written from, built again for the same scope and period.
    const content = await buildDigest(db.pool, {
      organizationId: tenant.organizationId,
      scope: parseScope(scope)!,
      periodType: 'month',
      now: new Date().toISOString(),
      locale: 'en',
      recipient: { id: tenant.teams[0].manager.id, name: tenant.teams[0].manager.name, role: 'manager' },
      previousStatuses: {},
      publicUrl: PUBLIC_URL,
      frequency: 'daily',
    })
    const kpis = content.areas.flatMap((area) => area.kpis)
    expect(kpis.length).toBeGreaterThan(3)
    expect(kpis.map((kpi) => kpi.key).sort()).toEqual([...cards.keys()].sort())
    for (const kpi of kpis) {
      expect(kpi.status, kpi.key).toBe(cards.get(kpi.key)!.status)
      for (const shown of [kpi.name, kpi.statusLabel, kpi.value, kpi.target])
        if (shown !== null) expect(text, `${kpi.key}: ${shown}`).toContain(shown)
    }
    // Hand-computed: 20 000 won of a 30 000 team target, in English with the organisation's euro.
    const won = kpis.find((kpi) => kpi.key === 'revenue.won')!
    expect(won.value).toMatch(/20,000/)
    expect(won.target).toMatch(/30,000/)
    expect(text).toContain('Won revenue')
    expect(text).toContain(`${PUBLIC_URL}/`)
    expect(mail.html).not.toMatch(/<script|<img[^>]+src="https?:/i)
  })

  test("the rep's digest arrives in Dutch", async () => {
    const mail = await smtp.waitFor(to(tenant.teams[0].reps[0]))
    expect(mail.text).toContain('Gewonnen omzet')
    expect(mail.text).toMatch(/20\.000/) // nl groups thousands with a dot
    expect(mail.text).toMatch(/10\.000/)
  })

  test('a second run at the same due time sends nothing more', async () => {
    const again = await app.inject({ method: 'POST', url: '/api/digests/run', headers: admin.headers, payload: {} })
    expect(again.json()).toEqual({ queued: 0, sends: [] })
    await new Promise((resolve) => setTimeout(resolve, 1_500)) // two polls of the mail worker
    expect(received(tenant.teams[0].manager)).toBe(1)
    expect(received(tenant.teams[0].reps[0])).toBe(1)
    const rows = await db.pool.query(`SELECT count(*)::int AS n FROM digest_sends WHERE organization_id = $1`, [
      tenant.organizationId,
    ])
    expect(rows.rows[0].n).toBe(2)
  })
})

describe('nothing to say', () => {
  test('an organisation without targets or data: no e-mail (skipped with a reason); "send me a test" still sends', async () => {
    const tenant = await seedTenant(db.pool)
    const manager = tenant.teams[0].manager
    await makeDue(db.pool, tenant, [{ user: manager, scope: `team:${tenant.teams[0].id}` }])
    const admin = await loginAs(app, tenant.admin.email)
    const run = await app.inject({ method: 'POST', url: '/api/digests/run', headers: admin.headers, payload: {} })
    expect(run.json().sends).toEqual([
      expect.objectContaining({ recipient: expect.objectContaining({ id: manager.id }), status: 'skipped' }),
    ])
    expect(run.json().sends[0].lastError).toMatch(/nothing to say/)

    const session = await loginAs(app, manager.email)
    const test = await app.inject({ method: 'POST', url: '/api/me/digest/test', headers: session.headers })
    expect(test.statusCode).toBe(200)
    expect(test.json()).toMatchObject({ manual: true, status: 'sent', channel: 'email' })
    await smtp.waitFor(to(manager))
    expect(received(manager)).toBe(1)
  })
})

describe('a refused e-mail', () => {
  test('the digest row points at the message; when the outbox gives up, the overview shows the failure', async () => {
    const tenant = await seedTenant(db.pool)
    const rep = tenant.teams[1].reps[1]
    smtp.refuse((address) => (address === rep.email ? '550 5.1.1 mailbox unavailable' : null))
    try {
      const admin = await loginAs(app, tenant.admin.email)
      const sent = await app.inject({
        method: 'POST',
        url: '/api/digests/run',
        headers: admin.headers,
        payload: { userId: rep.id },
      })
      expect(sent.json().sends[0]).toMatchObject({ status: 'sent', handoff: { status: 'queued' } })
      const { rows } = await db.pool.query(
        `SELECT m.to_address FROM digest_sends d JOIN mail_messages m ON m.id = d.mail_message_id WHERE d.user_id = $1`,
        [rep.id],
      )
      expect(rows).toEqual([{ to_address: rep.email }])
      // Two attempts 200 ms apart, each polled within 500 ms.
      let last: { handoff: { status: string; error: string | null } | null } | null = null
      for (let i = 0; i < 40 && last?.handoff?.status !== 'failed'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250))
        const overview = (await app.inject({ url: '/api/digests', headers: admin.headers })).json()
        last = overview.recipients.find((r: { user: { id: number } }) => r.user.id === rep.id).last
      }
      expect(last?.handoff).toEqual({ status: 'failed', error: expect.stringMatching(/550/) })
      expect((await app.inject({ url: '/api/digests', headers: admin.headers })).json().failedLast7Days).toBe(1)
      expect(received(rep)).toBe(0)
    } finally {
      smtp.refuse(null)
    }
  })
})
