import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { addDays, isoWeekday } from '@kpi/domain/calendar'
import { localDateOf, zonedInstant } from '@kpi/domain/time-zone'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// GET/PUT /api/me/digest, the admin's overview and "run now", over real HTTP (inject) on a real database. Mail is
// configured but no worker sends it (the SMTP test does); the clock is pinned to a Monday 08:30 in Amsterdam
// derived from today, so `pnpm test:dates` moves it with the date the suite runs at.

const AMS = 'Europe/Amsterdam'
const HOUR_MS = 3_600_000
const today = localDateOf(Date.now(), AMS)
/** The first Monday after today (1–7 days ahead). */
const monday = addDays(today, 8 - isoWeekday(today))
const at = (date: string, hours: number) => zonedInstant(date, hours * HOUR_MS, AMS)
const now = new Date(at(monday, 8.5))

let db: TestDatabase
let app: App
let tenant: Tenant
const as: Record<'admin' | 'manager' | 'rep' | 'otherAdmin', Session> = {} as never

beforeAll(async () => {
  db = await createTestDatabase()
  const config = testConfig({ mail: { smtpUrl: 'smtp://127.0.0.1:9', from: 'KPI <kpi@example.test>' } })
  app = await buildApp({ config, store: db, digests: { worker: false, clock: () => now } })
})
// An organisation per test: no test may read the digests another one sent (test:dates shuffles the order).
beforeEach(async () => {
  tenant = await seedTenant(db.pool)
  as.admin = await loginAs(app, tenant.admin.email)
  as.manager = await loginAs(app, tenant.teams[0].manager.email)
  as.rep = await loginAs(app, tenant.teams[0].reps[0].email)
  as.otherAdmin = await loginAs(app, tenant.other.admin.email)
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

const get = (session: Session, url: string) => app.inject({ method: 'GET', url, headers: session.headers })
const send = (session: Session, method: 'PUT' | 'POST' | 'PATCH', url: string, payload: unknown) =>
  app.inject({ method, url, headers: session.headers, payload: payload as object })

describe('GET /api/me/digest: the role defaults until a person chooses', () => {
  test('a manager: weekly on Monday 08:00 about the team they manage; next due a week from this Monday', async () => {
    const response = await get(as.manager, '/api/me/digest')
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      frequency: 'weekly',
      weekday: 1,
      hour: 8,
      scope: `team:${tenant.teams[0].id}`,
      scopeName: tenant.teams[0].name,
      period: 'month',
      sendWhenEmpty: false,
      isDefault: true,
      organizationEnabled: true,
      // now is Monday 08:30: today's 08:00 has passed
      nextDueAt: at(addDays(monday, 7), 8),
      lastSent: null,
    })
  })

  test('a rep: weekly about their own figures; an admin: off', async () => {
    const rep = (await get(as.rep, '/api/me/digest')).json()
    expect(rep).toMatchObject({ frequency: 'weekly', scope: `rep:${tenant.teams[0].reps[0].id}`, isDefault: true })
    expect(rep.scopeName).toBe(tenant.teams[0].reps[0].name)
    const admin = (await get(as.admin, '/api/me/digest')).json()
    expect(admin).toMatchObject({ frequency: 'off', scope: 'org', isDefault: true, nextDueAt: null })
  })
})

describe('PUT /api/me/digest', () => {
  test('a manager chooses daily at 18:00: stored, audited, next due today 18:00', async () => {
    const choice = { frequency: 'daily', weekday: 1, hour: 18, scope: `team:${tenant.teams[0].id}` }
    const response = await send(as.manager, 'PUT', '/api/me/digest', choice)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      ...choice,
      period: 'month',
      sendWhenEmpty: false,
      isDefault: false,
      nextDueAt: at(monday, 18),
    })
    expect((await get(as.manager, '/api/me/digest')).json()).toMatchObject({ hour: 18, isDefault: false })
    const { rows } = await db.pool.query(
      `SELECT actor_id, action, before, after FROM audit_log WHERE entity = 'digest_subscription' AND entity_id = $1`,
      [String(tenant.teams[0].manager.id)],
    )
    expect(rows).toEqual([
      {
        actor_id: tenant.teams[0].manager.id,
        action: 'digest_subscription.updated',
        before: null,
        after: { ...choice, period: 'month', sendWhenEmpty: false },
      },
    ])
  })

  test.each([
    { name: "another team's scope", patch: { scope: 'team:OTHER' }, field: 'body.scope' },
    { name: 'the organisation (managers do not see it)', patch: { scope: 'org' }, field: 'body.scope' },
    { name: 'a customer', patch: { scope: 'customer:1' }, field: 'body.scope' },
    { name: 'hour 24', patch: { hour: 24 }, field: 'body.hour' },
    { name: 'weekday 0', patch: { weekday: 0 }, field: 'body.weekday' },
    { name: 'an unknown frequency', patch: { frequency: 'hourly' }, field: 'body.frequency' },
  ])('refuses $name with 400 naming $field', async ({ patch, field }) => {
    const body = { frequency: 'weekly', weekday: 1, hour: 8, scope: `team:${tenant.teams[0].id}`, ...patch }
    if (body.scope === 'team:OTHER') body.scope = `team:${tenant.teams[1].id}`
    const response = await send(as.manager, 'PUT', '/api/me/digest', body)
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })

  test('refuses unknown fields', async () => {
    const body = { frequency: 'off', weekday: 1, hour: 8, scope: `rep:${tenant.teams[0].reps[0].id}`, colour: 'red' }
    const response = await send(as.rep, 'PUT', '/api/me/digest', body)
    expect(response.statusCode).toBe(400)
    expect(response.json().error).toBe('validation_failed')
  })
})

describe('the admin', () => {
  test('sees who gets what: everyone with an e-mail address, with their effective choice', async () => {
    const response = await get(as.admin, '/api/digests')
    expect(response.statusCode).toBe(200)
    const overview = response.json()
    expect(overview).toMatchObject({ enabled: true, mailEnabled: true })
    const people = [tenant.admin, ...tenant.teams.flatMap((team) => [team.manager, ...team.reps])]
    expect(overview.recipients.map((r: { user: { id: number } }) => r.user.id).sort()).toEqual(
      people.map((person) => person.id).sort(),
    )
    const rep = overview.recipients.find((r: { user: { id: number } }) => r.user.id === tenant.teams[1].reps[1].id)
    expect(rep).toMatchObject({
      frequency: 'weekly',
      scope: `rep:${tenant.teams[1].reps[1].id}`,
      isDefault: true,
      nextDueAt: at(addDays(monday, 7), 8),
      last: null,
    })
    expect((await get(as.manager, '/api/digests')).statusCode).toBe(403)
  })

  test('run now creates each due digest once; with digests off for the organisation, none', async () => {
    // Monday 08:30: the 08:00 digests of both teams' managers... except the one who chose daily 18:00, and the
    // four reps — the admin's default is off.
    const choice = { frequency: 'daily', weekday: 1, hour: 18, scope: `team:${tenant.teams[0].id}`, period: 'month' }
    expect((await send(as.manager, 'PUT', '/api/me/digest', choice)).statusCode).toBe(200)
    const first = await send(as.admin, 'POST', '/api/digests/run', {})
    expect(first.statusCode).toBe(200)
    const sent = first.json().sends as { recipient: { id: number }; dueAt: string; manual: boolean }[]
    const expected = [tenant.teams[1].manager, ...tenant.teams.flatMap((team) => team.reps)].map((p) => p.id).sort()
    expect(sent.map((s) => s.recipient.id).sort()).toEqual(expected)
    expect(new Set(sent.map((s) => s.dueAt))).toEqual(new Set([at(monday, 8)]))
    expect(first.json().queued).toBe(5)
    // the same due time again: nothing more
    expect((await send(as.admin, 'POST', '/api/digests/run', {})).json()).toEqual({ queued: 0, sends: [] })

    // a due time not sent yet (the manager's 18:00) does not go out while the organisation's digests are off
    const settings = (await get(as.admin, '/api/settings')).json()
    const patched = await send(as.admin, 'PATCH', '/api/settings', { digestsEnabled: false, version: settings.version })
    expect(patched.statusCode).toBe(200)
    expect(patched.json().digestsEnabled).toBe(false)
    const { rows } = await db.pool.query(
      `SELECT before->>'digestsEnabled' AS before, after->>'digestsEnabled' AS after FROM audit_log
        WHERE organization_id = $1 AND action = 'settings.updated' ORDER BY id DESC LIMIT 1`,
      [tenant.organizationId],
    )
    expect(rows).toEqual([{ before: 'true', after: 'false' }])
    await db.pool.query(`DELETE FROM digest_sends WHERE organization_id = $1`, [tenant.organizationId])
    expect((await send(as.admin, 'POST', '/api/digests/run', {})).json()).toEqual({ queued: 0, sends: [] })
    const overview = (await get(as.admin, '/api/digests')).json()
    expect(overview.enabled).toBe(false)
    expect(overview.recipients.every((r: { nextDueAt: string | null }) => r.nextDueAt === null)).toBe(true)
    expect((await get(as.rep, '/api/me/digest')).json()).toMatchObject({ organizationEnabled: false, nextDueAt: null })
    await send(as.admin, 'PATCH', '/api/settings', { digestsEnabled: true, version: settings.version + 1 })
  })

  test("send now: a person of another organisation is 404 naming body.userId; the sends list shows one's own", async () => {
    const foreign = await send(as.admin, 'POST', '/api/digests/run', { userId: tenant.other.rep.id })
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json()).toMatchObject({ field: 'body.userId' })
    const own = await send(as.admin, 'POST', '/api/digests/run', { userId: tenant.teams[0].reps[1].id })
    expect(own.statusCode).toBe(200)
    expect(own.json()).toMatchObject({
      queued: 1,
      sends: [{ recipient: { type: 'user', id: tenant.teams[0].reps[1].id }, channel: 'email', manual: true }],
    })
    const list = (await get(as.admin, '/api/digests/sends')).json()
    expect(list.items[0]).toMatchObject({ recipient: { id: tenant.teams[0].reps[1].id }, manual: true })
    expect((await get(as.otherAdmin, '/api/digests/sends')).json().items).toEqual([])
    expect((await get(as.admin, '/api/digests/sends?status=bogus')).statusCode).toBe(400)
  })

  test('send me a test: every role, whatever their schedule (the admin is off by default)', async () => {
    const response = await send(as.admin, 'POST', '/api/me/digest/test', {})
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ recipient: { id: tenant.admin.id }, manual: true, scope: 'org' })
  })
})
