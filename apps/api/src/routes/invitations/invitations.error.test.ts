import { beforeEach, describe, expect, test } from 'vitest'
import { csrfHeaders, loginAs, type Session } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { useApp } from '../settings/config-test-kit.ts'

// Invitations with mail off (no SMTP_URL): the answer carries the link. Limits, expiry, revocation, single use.

const PUBLIC_URL = 'http://kpi.internal:8080'

const kit = useApp({ publicUrl: PUBLIC_URL })
let tenant: Tenant
let admin: Session
let manager: Session

// A tenant of its own per test, so no test sees another's invitations, teams or e-mails, in any order.
beforeEach(async () => {
  tenant = await seedTenant(kit.db.pool)
  admin = await loginAs(kit.app, tenant.admin.email)
  manager = await loginAs(kit.app, tenant.teams[0].manager.email)
})

let counter = 0
const freshEmail = () => `person${++counter}-${tenant.organizationId}@example.test`
const invite = (as: Session, body: Record<string, unknown>) =>
  kit.app.inject({ method: 'POST', url: '/api/invitations', headers: as.headers, payload: body })
const anonymous = (url: string, payload: Record<string, unknown>) =>
  kit.app.inject({ method: 'POST', url, headers: csrfHeaders(), payload })
const tokenOf = (link: string) => link.slice(`${PUBLIC_URL}/invite/`.length)

/** A fresh invitation by the admin: its id and token. */
async function invited(body: Record<string, unknown> = {}) {
  const response = await invite(admin, { email: freshEmail(), name: 'New person', role: 'rep', ...body })
  expect(response.statusCode, response.body).toBe(201)
  const { invitation, link } = response.json()
  return { id: invitation.id as number, email: invitation.email as string, token: tokenOf(link) }
}

describe('mail off', () => {
  test('the answer carries the link to copy, nothing is queued, and the list says mail is off', async () => {
    const response = await invite(admin, { email: freshEmail(), name: 'Link', role: 'rep' })
    expect(response.statusCode).toBe(201)
    expect(response.json().link).toMatch(/^http:\/\/kpi\.internal:8080\/invite\/[A-Za-z0-9_-]{43}$/)
    expect(response.json().invitation.mail).toBeNull()
    const { rows } = await kit.db.pool.query('SELECT count(*)::int AS n FROM mail_messages')
    expect(rows[0].n).toBe(0)
    const list = await kit.app.inject({ url: '/api/invitations', headers: admin.headers })
    expect(list.json().mailEnabled).toBe(false)
    const resent = await kit.app.inject({
      method: 'POST',
      url: `/api/invitations/${response.json().invitation.id}/resend`,
      headers: admin.headers,
    })
    expect(resent.json().link).not.toBe(response.json().link)
  })
})

describe('who may invite whom', () => {
  test.each([
    { what: 'a manager', body: { role: 'manager', teamId: 'own' }, status: 403, field: 'body.role' },
    { what: 'an admin', body: { role: 'admin', teamId: 'own' }, status: 403, field: 'body.role' },
    { what: 'a rep without a team', body: { role: 'rep', teamId: null }, status: 400, field: 'body.teamId' },
    { what: 'a rep in another team', body: { role: 'rep', teamId: 'other' }, status: 403, field: 'body.teamId' },
  ])('a manager inviting $what → $status naming $field', async ({ body, status, field }) => {
    const teamId = body.teamId === 'own' ? tenant.teams[0].id : body.teamId === 'other' ? tenant.teams[1].id : null
    const response = await invite(manager, { email: freshEmail(), name: 'X', ...body, teamId })
    expect(response.statusCode, response.body).toBe(status)
    expect(response.json().field).toBe(field)
  })

  test('a manager invites a rep to their own team, and sees only their teams’ invitations', async () => {
    const response = await invite(manager, {
      email: freshEmail(),
      name: 'Rep',
      role: 'rep',
      teamId: tenant.teams[0].id,
    })
    expect(response.statusCode, response.body).toBe(201)
    const byAdmin = await invited({ teamId: tenant.teams[1].id })
    const list = (await kit.app.inject({ url: '/api/invitations', headers: manager.headers })).json()
    const ids = list.invitations.map((i: { id: number }) => i.id)
    expect(ids).toContain(response.json().invitation.id)
    expect(ids).not.toContain(byAdmin.id)
    // Another team's invitation is not theirs to resend or revoke.
    const url = `/api/invitations/${byAdmin.id}`
    expect((await kit.app.inject({ method: 'DELETE', url, headers: manager.headers })).statusCode).toBe(404)
    expect((await kit.app.inject({ method: 'POST', url: `${url}/resend`, headers: manager.headers })).statusCode).toBe(
      404,
    )
  })

  test('a rep may not invite', async () => {
    const rep = await loginAs(kit.app, tenant.teams[0].reps[0].email)
    const response = await invite(rep, { email: freshEmail(), name: 'X', role: 'rep', teamId: tenant.teams[0].id })
    expect(response.statusCode).toBe(403)
  })

  test('an admin: a team of another organisation is a field error', async () => {
    const response = await invite(admin, { email: freshEmail(), name: 'X', role: 'rep', teamId: tenant.other.teamId })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      field: 'body.teamId',
      message: `team ${tenant.other.teamId} does not exist`,
    })
  })

  test('an email with an account in the organisation → 409 naming body.email (any case)', async () => {
    const email = tenant.teams[0].reps[0].email.toUpperCase()
    const response = await invite(admin, { email, name: 'Again', role: 'rep' })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({
      field: 'body.email',
      message: `${tenant.teams[0].reps[0].email} already has an account in this organisation`,
    })
    // An account in another organisation is no obstacle (emails are unique per organisation, decision 12).
    expect((await invite(admin, { email: tenant.other.rep.email, name: 'Other', role: 'rep' })).statusCode).toBe(201)
  })

  test('another organisation’s invitation is not found', async () => {
    const { id } = await invited()
    const otherAdmin = await loginAs(kit.app, tenant.other.admin.email)
    const url = `/api/invitations/${id}`
    expect((await kit.app.inject({ method: 'DELETE', url, headers: otherAdmin.headers })).statusCode).toBe(404)
    expect(
      (await kit.app.inject({ method: 'POST', url: `${url}/resend`, headers: otherAdmin.headers })).statusCode,
    ).toBe(404)
    const list = (await kit.app.inject({ url: '/api/invitations', headers: otherAdmin.headers })).json()
    expect(list.invitations.map((i: { id: number }) => i.id)).not.toContain(id)
  })
})

describe('an unusable link', () => {
  test('expired (expires_at moved into the past) → 400 naming body.token, asking the inviter for a new one', async () => {
    const { id, token } = await invited()
    await kit.db.pool.query(`UPDATE invitations SET expires_at = now() - INTERVAL '1 second' WHERE id = $1`, [id])
    for (const url of ['/api/invitations/preview', '/api/invitations/accept']) {
      const response = await anonymous(url, { token, password: 'a long password' })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({
        error: 'validation_failed',
        message: `this invitation has expired — ask ${tenant.admin.name} for a new one`,
        field: 'body.token',
      })
    }
    const list = (await kit.app.inject({ url: '/api/invitations', headers: admin.headers })).json()
    expect(list.invitations.find((i: { id: number }) => i.id === id).state).toBe('expired')
    // Resending an expired invitation gives it seven more days.
    const resent = await kit.app.inject({
      method: 'POST',
      url: `/api/invitations/${id}/resend`,
      headers: admin.headers,
    })
    expect(resent.json().invitation.state).toBe('pending')
    expect((await anonymous('/api/invitations/preview', { token: tokenOf(resent.json().link) })).statusCode).toBe(200)
  })

  test('revoked → 400 naming body.token; revoking twice is harmless', async () => {
    const { id, token } = await invited()
    const revoked = await kit.app.inject({ method: 'DELETE', url: `/api/invitations/${id}`, headers: admin.headers })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json().invitation.state).toBe('revoked')
    expect(
      (await kit.app.inject({ method: 'DELETE', url: `/api/invitations/${id}`, headers: admin.headers })).statusCode,
    ).toBe(200)
    const response = await anonymous('/api/invitations/accept', { token, password: 'a long password' })
    expect(response.json()).toEqual({
      error: 'validation_failed',
      message: `this invitation was withdrawn — ask ${tenant.admin.name} for a new one`,
      field: 'body.token',
    })
    const resend = await kit.app.inject({
      method: 'POST',
      url: `/api/invitations/${id}/resend`,
      headers: admin.headers,
    })
    expect(resend.statusCode).toBe(409)
  })

  test('unknown → 400 naming body.token', async () => {
    const response = await anonymous('/api/invitations/preview', { token: 'x'.repeat(43) })
    expect(response.statusCode).toBe(400)
    expect(response.json().field).toBe('body.token')
  })

  test('a password shorter than 8 characters → 400 naming body.password, and the link still works', async () => {
    const { token } = await invited()
    const response = await anonymous('/api/invitations/accept', { token, password: 'short' })
    expect(response.statusCode).toBe(400)
    expect(response.json().field).toBe('body.password')
    expect((await anonymous('/api/invitations/preview', { token })).statusCode).toBe(200)
  })

  test('single use, also for two acceptances at the same moment: one user, one 200, one 400', async () => {
    const { email, token } = await invited()
    const answers = await Promise.all(
      [1, 2].map(() => anonymous('/api/invitations/accept', { token, password: 'a long password' })),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400])
    const refused = answers.find((a) => a.statusCode === 400)!
    expect(refused.json().message).toBe(
      `this invitation was already accepted — sign in with ${email} and your password`,
    )
    const { rows } = await kit.db.pool.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email])
    expect(rows[0].n).toBe(1)
  })

  test('an account made by hand meanwhile: accepting → 409, no second user', async () => {
    const { email, token } = await invited()
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email, name: 'By hand', role: 'rep', password: 'a long password' },
    })
    expect(created.statusCode).toBe(201)
    const response = await anonymous('/api/invitations/accept', { token, password: 'another password' })
    expect(response.statusCode).toBe(409)
    expect(response.json().field).toBe('body.token')
  })
})
