import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { generate } from 'otplib'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { csrfHeaders, loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// Two-factor codes end to end over inject: enrolment, sign-in with a code or a recovery code, replay, turning off,
// the organisation's requirement and the admin reset. Codes are computed here with otplib for the test's own
// clock (offsetSeconds from now), so the tests pass on whatever day they run.

let database: TestDatabase
let app: App
let tenant: Tenant
let rep: { id: number; email: string }
let session: Session

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: database })
})

beforeEach(async () => {
  tenant = await seedTenant(database.pool)
  rep = tenant.teams[0].reps[0]
  session = await loginAs(app, rep.email)
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

const codeAt = (secret: string, offsetSeconds = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds })

async function call(as: Session | null, method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, body?: object) {
  const headers = { ...(as ? as.headers : csrfHeaders()), ...(body ? { 'content-type': 'application/json' } : {}) }
  return app.inject({ method, url, headers, ...(body ? { payload: JSON.stringify(body) } : {}) })
}

function login(email: string, extra: { code?: string; password?: string; organizationId?: number } = {}) {
  return call(null, 'POST', '/api/auth/login', { email, password: extra.password ?? tenant.password, ...extra })
}

/** Six digits that are none of the codes accepted now (this step and one either side). */
async function wrongCode(secret: string): Promise<string> {
  const valid = new Set([await codeAt(secret, -30), await codeAt(secret), await codeAt(secret, 30)])
  for (let n = 0; ; n++) if (!valid.has(String(n).padStart(6, '0'))) return String(n).padStart(6, '0')
}

/** Turns on 2FA for `as` and returns the secret and the recovery codes. */
async function enrol(as: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const start = await call(as, 'POST', '/api/me/totp')
  expect(start.statusCode).toBe(200)
  const { secret } = start.json() as { secret: string }
  const confirm = await call(as, 'POST', '/api/me/totp/confirm', { code: await codeAt(secret) })
  expect(confirm.statusCode).toBe(200)
  return { secret, recoveryCodes: confirm.json().recoveryCodes }
}

describe('turning two-factor codes on', () => {
  test('POST /api/me/totp answers a secret, its otpauth URL and a QR code; a code from it confirms', async () => {
    const start = await call(session, 'POST', '/api/me/totp')
    expect(start.statusCode).toBe(200)
    const { secret, otpauthUrl, qrCodeSvg } = start.json()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/) // 20 bytes = 160 bits = 32 base32 symbols
    const url = new URL(otpauthUrl)
    expect(url.searchParams.get('secret')).toBe(secret)
    expect(url.searchParams.get('issuer')).toBe(`Sales KPI (Org ${rep.email.split('-')[1]!.split('@')[0]})`)
    expect(decodeURIComponent(url.pathname)).toMatch(new RegExp(`:${rep.email}$`))
    expect(qrCodeSvg).toMatch(/^<svg[^>]*>/)

    const wrong = await call(session, 'POST', '/api/me/totp/confirm', { code: await wrongCode(secret) })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toMatchObject({ error: 'validation_failed', field: 'body.code' })

    const confirm = await call(session, 'POST', '/api/me/totp/confirm', { code: await codeAt(secret) })
    expect(confirm.statusCode).toBe(200)
    const codes: string[] = confirm.json().recoveryCodes
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    const me = await call(session, 'GET', '/api/me')
    expect(me.json().twoFactor).toEqual({ enabled: true, required: false })
    // Once on: no second enrolment, and the secret is never answered again.
    expect((await call(session, 'POST', '/api/me/totp')).statusCode).toBe(409)
  })

  test('restarting an enrolment replaces the pending secret: a code of the old one no longer confirms', async () => {
    const first = (await call(session, 'POST', '/api/me/totp')).json().secret as string
    const second = (await call(session, 'POST', '/api/me/totp')).json().secret as string
    expect(second).not.toBe(first)
    const old = await call(session, 'POST', '/api/me/totp/confirm', { code: await codeAt(first) })
    expect(old.statusCode).toBe(400)
    expect((await call(session, 'POST', '/api/me/totp/confirm', { code: await codeAt(second) })).statusCode).toBe(200)
  })

  test('confirming ends the other sessions of that person and keeps this one', async () => {
    const elsewhere = await loginAs(app, rep.email)
    await enrol(session)
    expect((await call(elsewhere, 'GET', '/api/users')).statusCode).toBe(401)
    expect((await call(session, 'GET', '/api/users')).statusCode).toBe(200)
  })

  test('confirming without an enrolment is a 409', async () => {
    const response = await call(session, 'POST', '/api/me/totp/confirm', { code: '123456' })
    expect(response.statusCode).toBe(409)
  })
})

describe('signing in with two-factor codes on', () => {
  test('the right password without a code answers 401 totp_required; a wrong password never says so', async () => {
    await enrol(session)
    const noCode = await login(rep.email)
    expect(noCode.statusCode).toBe(401)
    expect(noCode.json()).toMatchObject({ error: 'totp_required' })
    expect(noCode.headers['set-cookie']).toBeUndefined()
    const wrongPassword = await login(rep.email, { password: 'not the password' })
    expect(wrongPassword.json()).toMatchObject({ error: 'unauthorized' })
    // Without 2FA the same login still signs in as before.
    expect((await login(tenant.teams[0].reps[1].email)).statusCode).toBe(200)
  })

  test('a code of the next step (clock drift) signs in once; a replay or an older step is refused', async () => {
    const { secret } = await enrol(session)
    // The confirmation used the current step; a later login with it would be a replay. The next step is fresh.
    const next = await codeAt(secret, 30)
    const ok = await login(rep.email, { code: next })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().user.email).toBe(rep.email)
    const replay = await login(rep.email, { code: next })
    expect(replay.statusCode).toBe(401)
    expect(replay.json()).toMatchObject({ error: 'unauthorized', field: 'body.code' })
    // A code of the current step is now older than the last accepted one: refused as well.
    expect((await login(rep.email, { code: await codeAt(secret) })).statusCode).toBe(401)
  })

  test('a code three steps old is refused and counts as a failed sign-in', async () => {
    const { secret } = await enrol(session)
    const old = await login(rep.email, { code: await codeAt(secret, -90) })
    expect(old.statusCode).toBe(401)
    const { rows } = await database.pool.query('SELECT count(*)::int AS n FROM login_failures WHERE email = $1', [
      rep.email,
    ])
    expect(rows[0].n).toBe(1)
  })

  test('an email in two organisations: the "choose one" answer does not clear failed codes', async () => {
    const { secret } = await enrol(session)
    // The same email and password in the other organisation, so a sign-in without organizationId is ambiguous.
    await database.pool.query(
      `INSERT INTO users (organization_id, email, name, role, password_hash, updated_at)
       SELECT $2, email, name, 'REP', password_hash, now() FROM users WHERE id = $1`,
      [rep.id, tenant.other.organizationId],
    )
    const failures = async () =>
      (await database.pool.query('SELECT count(*)::int AS n FROM login_failures WHERE email = $1', [rep.email])).rows[0]
        .n
    const wrong = await login(rep.email, { code: await wrongCode(secret), organizationId: tenant.organizationId })
    expect(wrong.statusCode).toBe(401)
    expect(await failures()).toBe(1)
    const choose = await login(rep.email)
    expect(choose.statusCode).toBe(409)
    expect(await failures()).toBe(1)
  })

  test('a recovery code signs in once, typed in any case and with spaces', async () => {
    const { recoveryCodes } = await enrol(session)
    const typed = recoveryCodes[3]!.toUpperCase().replace('-', ' ')
    expect((await login(rep.email, { code: typed })).statusCode).toBe(200)
    expect((await login(rep.email, { code: recoveryCodes[3]! })).statusCode).toBe(401)
    expect((await login(rep.email, { code: recoveryCodes[4]! })).statusCode).toBe(200)
  })
})

describe('turning two-factor codes off', () => {
  test('needs a valid code; afterwards the password alone signs in again', async () => {
    const { secret } = await enrol(session)
    const wrong = await call(session, 'DELETE', '/api/me/totp', { code: 'nothing-valid' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json()).toMatchObject({ field: 'body.code' })
    expect((await call(session, 'DELETE', '/api/me/totp', { code: await codeAt(secret, 30) })).statusCode).toBe(204)
    expect((await login(rep.email)).statusCode).toBe(200)
    expect((await call(session, 'DELETE', '/api/me/totp', { code: '123456' })).statusCode).toBe(409)
  })
})

describe('an organisation that requires two-factor codes', () => {
  test('an admin must have them first; then a person without them may only enrol', async () => {
    const admin = await loginAs(app, tenant.admin.email)
    const version = (await call(admin, 'GET', '/api/settings')).json().version
    const first = await call(admin, 'PATCH', '/api/settings', { requireTwoFactor: true, version })
    expect(first.statusCode).toBe(400)
    expect(first.json()).toMatchObject({ field: 'body.requireTwoFactor' })
    await enrol(admin)
    const on = await call(admin, 'PATCH', '/api/settings', { requireTwoFactor: true, version })
    expect(on.json()).toMatchObject({ requireTwoFactor: true })

    const blocked = await call(session, 'GET', '/api/users')
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json()).toMatchObject({ error: 'two_factor_setup_required' })
    const me = await call(session, 'GET', '/api/me')
    expect(me.statusCode).toBe(200)
    expect(me.json().twoFactor).toEqual({ enabled: false, required: true })
    const { secret } = await enrol(session)
    expect((await call(session, 'GET', '/api/users')).statusCode).toBe(200)
    // While required, nobody turns their own off.
    const off = await call(session, 'DELETE', '/api/me/totp', { code: await codeAt(secret, 30) })
    expect(off.statusCode).toBe(403)
  })
})

describe('DELETE /api/users/:id/totp (admin reset)', () => {
  test("turns the person's codes off, ends their sessions, shows in the list and the audit log", async () => {
    await enrol(session)
    const admin = await loginAs(app, tenant.admin.email)
    const listed = (await call(admin, 'GET', '/api/users')).json().users.find((u: { id: number }) => u.id === rep.id)
    expect(listed.twoFactorEnabled).toBe(true)
    const reset = await call(admin, 'DELETE', `/api/users/${rep.id}/totp`)
    expect(reset.statusCode).toBe(200)
    expect(reset.json().user).toMatchObject({ id: rep.id, twoFactorEnabled: false })
    expect((await call(session, 'GET', '/api/me')).statusCode).toBe(401)
    expect((await login(rep.email)).statusCode).toBe(200)
    const { rows } = await database.pool.query(
      `SELECT actor_id, action FROM audit_log WHERE entity = 'user' AND entity_id = $1`,
      [String(rep.id)],
    )
    expect(rows).toEqual([{ actor_id: tenant.admin.id, action: 'user.two_factor_reset' }])
  })

  test('not for oneself, not across organisations, not for non-admins', async () => {
    const admin = await loginAs(app, tenant.admin.email)
    const self = await call(admin, 'DELETE', `/api/users/${tenant.admin.id}/totp`)
    expect(self.statusCode).toBe(400)
    expect((await call(admin, 'DELETE', `/api/users/${tenant.other.rep.id}/totp`)).statusCode).toBe(404)
    expect((await call(session, 'DELETE', `/api/users/${tenant.teams[0].reps[1].id}/totp`)).statusCode).toBe(403)
  })
})
