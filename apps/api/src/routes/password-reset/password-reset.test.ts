import type { ParsedMail } from 'mailparser'
import { beforeEach, describe, expect, test } from 'vitest'
import { buildApp } from '../../app.ts'
import { csrfHeaders, loginAs, parseSetCookies } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { useMailApp } from '../../testing/mail-test-kit.ts'
import { testConfig } from '../../testing/test-app.ts'
import { issueResetToken } from './password-reset.db.ts'
import { RESET_LIMITS } from './password-reset.routes.ts'

// Password reset against a real SMTP server: the e-mail in the person's language, the link it carries, and what
// using it does. Each test asks from its own client address, so the per-address limit of one does not touch another.

const PUBLIC_URL = 'https://kpi.example.com'
const NEW_PASSWORD = 'a brand new passphrase'
const requested = { message: 'If an account exists for that address, we sent it a link to choose a new password.' }

const kit = useMailApp({ from: 'KPI <kpi@example.com>', publicUrl: PUBLIC_URL })
let tenant: Tenant

// A tenant of its own per test: several tests e-mail the same seat (teams[0].reps[0]), and the SMTP server keeps
// every message, so a shared tenant let one test read another's e-mail when the order changed (test:dates shuffles).
beforeEach(async () => {
  tenant = await seedTenant(kit.db.pool)
})

let addresses = 0
const newAddress = () => `10.0.0.${++addresses}`

function ask(email: string, remoteAddress = newAddress()) {
  return kit.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset',
    headers: csrfHeaders(),
    remoteAddress,
    payload: { email },
  })
}
function confirm(token: string, password = NEW_PASSWORD) {
  return kit.app.inject({
    method: 'POST',
    url: '/api/auth/password-reset/confirm',
    headers: csrfHeaders(),
    payload: { token, password },
  })
}
const to = (email: string) => (mail: ParsedMail) => JSON.stringify(mail.to).includes(email)
const mailsTo = (email: string) => kit.smtp.received.filter(to(email))
function tokenIn(mail: ParsedMail): string {
  const match = new RegExp(`${PUBLIC_URL}/reset-password/([A-Za-z0-9_-]{43})\\n`).exec(mail.text ?? '')
  if (!match) throw new Error(`no reset link in: ${mail.text}`)
  return match[1]!
}
async function login(email: string, password: string) {
  return kit.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: csrfHeaders(),
    payload: { email, password },
  })
}

describe('asking for a reset link', () => {
  test('the e-mail (English) links to PUBLIC_URL/reset-password/<token>; the new password works, the old one not', async () => {
    const rep = tenant.teams[0].reps[0]
    expect((await login(rep.email, 'wrong password')).statusCode).toBe(401)
    const answer = await ask(rep.email.toUpperCase())
    expect([answer.statusCode, answer.json()]).toEqual([202, requested])

    const mail = await kit.smtp.waitFor(to(rep.email))
    expect(mail.subject).toMatch(/^Reset your password for Org /)
    expect(mail.text).toContain(`Someone asked to reset the password of your account ${rep.email} in `)
    expect(mail.text).toContain('The link works once, for 1 hour.')
    const token = tokenIn(mail)
    expect(mail.html).toContain(`href="${PUBLIC_URL}/reset-password/${token}"`)

    const confirmed = await confirm(token)
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect(confirmed.json().user).toMatchObject({ id: rep.id, email: rep.email })
    // Signed in: the new session cookie opens /api/me.
    const cookies = parseSetCookies([confirmed.headers['set-cookie']].flat() as string[])
    const me = await kit.app.inject({ url: '/api/me', headers: { cookie: `kpi_session=${cookies['kpi_session']}` } })
    expect(me.statusCode).toBe(200)
    expect((await login(rep.email, tenant.password)).statusCode).toBe(401)
    expect((await login(rep.email, NEW_PASSWORD)).statusCode).toBe(200)
    // The failed sign-in before the reset no longer counts against the account (it was cleared by the reset).
    const failures = await kit.db.pool.query('SELECT 1 FROM login_failures WHERE email = $1', [rep.email])
    expect(failures.rows).toEqual([])
    const audit = await kit.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY id`,
      [String(rep.id)],
    )
    expect(audit.rows.map((row) => row.action)).toEqual(['user.password_reset_requested', 'user.password_reset'])
  })

  test('in Dutch for a person whose language is nl (PATCH /api/me)', async () => {
    const rep = tenant.teams[0].reps[1]
    const session = await loginAs(kit.app, rep.email)
    const patched = await kit.app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: session.headers,
      payload: { locale: 'nl' },
    })
    expect([patched.statusCode, patched.json()]).toEqual([200, { locale: 'nl', gaugeStyle: null }])

    expect((await ask(rep.email)).statusCode).toBe(202)
    const mail = await kit.smtp.waitFor(to(rep.email))
    expect(mail.subject).toMatch(/^Stel je wachtwoord opnieuw in voor Org /)
    expect(mail.text).toContain(`Hallo ${rep.name},`)
    expect(mail.text).toContain('De link werkt één keer, 1 uur lang.')
    expect(mail.text).toContain(`Kies een nieuw wachtwoord: ${PUBLIC_URL}/reset-password/`)
    expect(mail.html).toContain('>Kies een nieuw wachtwoord</a>')
  })

  test('an unknown email: the same 202, and nothing is sent', async () => {
    const answer = await ask('nobody-here@example.com')
    expect([answer.statusCode, answer.json()]).toEqual([202, requested])
    // Requests are worked through in order after answering: once the next one's mail is here, the unknown one is done.
    const known = tenant.teams[1].manager.email
    await ask(known)
    await kit.smtp.waitFor(to(known))
    expect(mailsTo('nobody-here@example.com')).toEqual([])
    const queued = await kit.db.pool.query(`SELECT 1 FROM mail_messages WHERE to_address = 'nobody-here@example.com'`)
    expect(queued.rows).toEqual([])
  })

  test('one email with accounts in two organisations: one e-mail per account, naming its organisation', async () => {
    const email = `two-orgs-${Date.now()}@example.com`
    const orgs = [tenant.organizationId, tenant.other.organizationId]
    for (const organizationId of orgs)
      await kit.db.pool.query(
        `INSERT INTO users (organization_id, email, name, role, password_hash, updated_at)
         SELECT $1, $2, 'Dana', 'REP', password_hash, now() FROM users WHERE id = $3`,
        [organizationId, email, tenant.admin.id],
      )
    const { rows } = await kit.db.pool.query<{ name: string }>(
      'SELECT name FROM organizations WHERE id = ANY($1) ORDER BY id',
      [orgs],
    )
    await ask(email)
    await kit.smtp.waitFor(() => mailsTo(email).length === 2)
    expect(
      mailsTo(email)
        .map((mail) => mail.subject)
        .sort(),
    ).toEqual(rows.map((row) => `Reset your password for ${row.name}`).sort())
    // Each link opens its own account.
    const organizationIds = []
    for (const mail of mailsTo(email)) {
      const confirmed = await confirm(tokenIn(mail))
      expect(confirmed.statusCode).toBe(200)
      const me = await kit.app.inject({
        url: '/api/me',
        headers: {
          cookie: `kpi_session=${parseSetCookies([confirmed.headers['set-cookie']].flat() as string[])['kpi_session']}`,
        },
      })
      organizationIds.push(me.json().organization.id)
    }
    expect(organizationIds.sort()).toEqual([...orgs].sort())
  })

  test(`limits: ${RESET_LIMITS.perEmail} e-mails per address per hour (then 202, nothing sent); ${RESET_LIMITS.perAddress} requests per client (then 429)`, async () => {
    const manager = tenant.teams[0].manager
    for (let i = 0; i < RESET_LIMITS.perEmail + 1; i++) expect((await ask(manager.email)).statusCode).toBe(202)
    // The fourth was answered like the others but queued nothing: three e-mails only.
    const known = tenant.other.admin.email
    await ask(known)
    await kit.smtp.waitFor(to(known))
    const queued = await kit.db.pool.query('SELECT 1 FROM mail_messages WHERE to_address = $1', [manager.email])
    expect(queued.rows).toHaveLength(RESET_LIMITS.perEmail)

    const client = newAddress()
    for (let i = 0; i < RESET_LIMITS.perAddress; i++)
      expect((await ask(`spray-${i}@example.com`, client)).statusCode).toBe(202)
    const refused = await ask('spray-last@example.com', client)
    expect(refused.statusCode).toBe(429)
    expect(refused.json().message).toMatch(/^too many reset requests from your address; try again in \d+ min$/)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
  })
})

describe('using a reset link', () => {
  const userOf = () => tenant.teams[1].reps[0]

  test('ends every session of the user, then signs in with a fresh one', async () => {
    const rep = userOf()
    const laptop = await loginAs(kit.app, rep.email)
    const phone = await loginAs(kit.app, rep.email)
    const token = await issueResetToken(kit.db.pool, { userId: rep.id, requestedById: null })
    const confirmed = await kit.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      headers: phone.headers,
      payload: { token, password: NEW_PASSWORD },
    })
    expect(confirmed.statusCode).toBe(200)
    for (const old of [laptop, phone])
      expect((await kit.app.inject({ url: '/api/me', headers: old.headers })).statusCode).toBe(401)
    const fresh = parseSetCookies([confirmed.headers['set-cookie']].flat() as string[])['kpi_session']
    expect(fresh).not.toBe(phone.sessionToken)
    expect((await kit.app.inject({ url: '/api/me', headers: { cookie: `kpi_session=${fresh}` } })).statusCode).toBe(200)
  })

  test('single use, also when two confirms race; a used link says so', async () => {
    const rep = tenant.teams[1].reps[1]
    const token = await issueResetToken(kit.db.pool, { userId: rep.id, requestedById: null })
    const answers = await Promise.all([confirm(token, 'first of two racers'), confirm(token, 'second of two racers')])
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400])
    const again = await confirm(token)
    expect([again.statusCode, again.json()]).toEqual([
      400,
      {
        error: 'validation_failed',
        message: 'this reset link was already used; ask for a new link if you still need one',
        field: 'body.token',
      },
    ])
  })

  test('an expired link, a replaced link and a made-up one are refused, naming body.token', async () => {
    const rep = tenant.teams[0].manager
    const expired = await issueResetToken(kit.db.pool, { userId: rep.id, requestedById: null })
    await kit.db.pool.query(
      `UPDATE password_resets SET expires_at = now() - INTERVAL '1 second' WHERE user_id = $1 AND used_at IS NULL`,
      [rep.id],
    )
    expect((await confirm(expired)).json()).toMatchObject({
      field: 'body.token',
      message: 'this reset link has expired (links work for 1 hour); ask for a new link',
    })
    const replaced = await issueResetToken(kit.db.pool, { userId: rep.id, requestedById: null })
    const latest = await issueResetToken(kit.db.pool, { userId: rep.id, requestedById: null })
    expect((await confirm(replaced)).json()).toMatchObject({ field: 'body.token', message: /not valid/ })
    expect((await confirm('made-up')).statusCode).toBe(400)
    expect((await confirm(latest, 'short')).json()).toMatchObject({ field: 'body.password' })
    expect((await confirm(latest)).statusCode).toBe(200)
  })
})

describe('an admin sends a reset link', () => {
  test('e-mailed (202), naming the admin; another organisation’s user is not found (404)', async () => {
    const admin = await loginAs(kit.app, tenant.admin.email)
    const rep = tenant.teams[0].reps[0]
    const url = (id: number) => `/api/users/${id}/password-reset`
    const sent = await kit.app.inject({ method: 'POST', url: url(rep.id), headers: admin.headers })
    expect([sent.statusCode, sent.json()]).toEqual([202, { delivery: 'email' }])
    const mail = await kit.smtp.waitFor((m) => to(rep.email)(m) && (m.text ?? '').includes(tenant.admin.name))
    expect(mail.text).toContain(`${tenant.admin.name} sent you a link to set a new password for your account`)
    expect((await confirm(tokenIn(mail), 'set by the admin link')).statusCode).toBe(200)

    const foreign = await kit.app.inject({ method: 'POST', url: url(tenant.other.rep.id), headers: admin.headers })
    expect(foreign.statusCode).toBe(404)
  })

  test('without SMTP_URL: 200 with the link to copy, which works', async () => {
    const off = await buildApp({ config: testConfig({ publicUrl: PUBLIC_URL }), store: kit.db })
    try {
      const admin = await loginAs(off, tenant.other.admin.email)
      const answer = await off.inject({
        method: 'POST',
        url: `/api/users/${tenant.other.rep.id}/password-reset`,
        headers: admin.headers,
      })
      expect(answer.statusCode).toBe(200)
      const { link } = answer.json() as { link: string }
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/reset-password/[A-Za-z0-9_-]{43}$`))
      const confirmed = await confirm(link.split('/').at(-1)!)
      expect(confirmed.json().user.id).toBe(tenant.other.rep.id)
      // Asking oneself with mail off sends nothing (and says the same).
      expect(
        (
          await off.inject({
            method: 'POST',
            url: '/api/auth/password-reset',
            headers: csrfHeaders(),
            payload: { email: tenant.other.rep.email },
          })
        ).statusCode,
      ).toBe(202)
    } finally {
      await off.close()
    }
    const queued = await kit.db.pool.query('SELECT 1 FROM mail_messages WHERE to_address = $1', [
      tenant.other.rep.email,
    ])
    expect(queued.rows).toEqual([])
  })
})
