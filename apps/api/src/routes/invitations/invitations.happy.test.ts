import { describe, expect, test, vi } from 'vitest'
import { csrfHeaders, loginAs, parseSetCookies, type Session } from '../../testing/login-as.ts'
import { useMailApp } from '../../testing/mail-test-kit.ts'
import { withTenantPerTest } from '../settings/config-test-kit.ts'

// Invitations with mail on: a real SMTP server receives them, the link in the e-mail opens the account.

const PUBLIC_URL = 'https://kpi.example.test'
const LINK = /https:\/\/kpi\.example\.test\/invite\/([A-Za-z0-9_-]{43})/

const kit = withTenantPerTest(useMailApp({ from: 'Acme KPI <kpi@example.com>', publicUrl: PUBLIC_URL }))

const invite = (as: Session, body: Record<string, unknown>) =>
  kit.app.inject({ method: 'POST', url: '/api/invitations', headers: as.headers, payload: body })
const anonymous = (url: string, payload: Record<string, unknown>) =>
  kit.app.inject({ method: 'POST', url, headers: csrfHeaders(), payload })
const mailTo = (address: string) => kit.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(address))
const tokenIn = (text: string | undefined) => LINK.exec(text ?? '')![1]!

describe('inviting by e-mail', () => {
  test('an English invitation: subject, text and HTML with the link; accepting it signs the person in', async () => {
    const email = `anna-${kit.tenant.tag}@example.test`
    const response = await invite(kit.admin, { email, name: 'Anna', role: 'rep', teamId: kit.tenant.teams[0].id })
    expect(response.statusCode, response.body).toBe(201)
    const { invitation, link } = response.json()
    expect(link).toBeUndefined() // mail is on: the link goes to the person only
    expect(invitation).toMatchObject({ email, name: 'Anna', role: 'rep', teamId: kit.tenant.teams[0].id, locale: 'en' })
    expect(invitation.state).toBe('pending')
    expect(invitation.invitedBy).toEqual({ id: kit.tenant.admin.id, name: `admin ${kit.tenant.tag}` })
    // 7 days exactly, from the database's clock
    expect(Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)).toBeGreaterThanOrEqual(7 * 86_400_000)

    const mail = await mailTo(email)
    expect(mail.subject).toBe(`admin ${kit.tenant.tag} invited you to Org ${kit.tenant.tag}`)
    const token = tokenIn(mail.text)
    expect(mail.text).toBe(
      [
        'Hello Anna,',
        '',
        `admin ${kit.tenant.tag} invited you to Org ${kit.tenant.tag} as a sales rep in Team 1 ${kit.tenant.tag}.`,
        '',
        'Choose a password to activate your account.',
        '',
        `Accept the invitation: ${PUBLIC_URL}/invite/${token}`,
        '',
        'The link works for 7 days, and only once.',
        'Not expecting this? Then you can ignore this e-mail.',
        '',
        '— ',
        `Org ${kit.tenant.tag}`,
        '',
      ].join('\n'),
    )
    expect(mail.html).toContain(`href="${PUBLIC_URL}/invite/${token}"`)
    expect(mail.html).toContain('>Accept the invitation</a>')

    // Only its hash is stored.
    const stored = await kit.db.pool.query('SELECT token_hash FROM invitations WHERE id = $1', [invitation.id])
    expect(stored.rows[0].token_hash).not.toContain(token)

    const preview = await anonymous('/api/invitations/preview', { token })
    expect(preview.statusCode, preview.body).toBe(200)
    expect(preview.json()).toEqual({
      organization: { name: `Org ${kit.tenant.tag}` },
      invitedBy: { name: `admin ${kit.tenant.tag}` },
      email,
      name: 'Anna',
      role: 'rep',
      team: { name: `Team 1 ${kit.tenant.tag}` },
      locale: 'en',
      expiresAt: invitation.expiresAt,
    })

    const accepted = await anonymous('/api/invitations/accept', { token, password: 'a long password', name: 'Anna B' })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json().user).toMatchObject({
      name: 'Anna B',
      email,
      role: 'rep',
      team: { id: kit.tenant.teams[0].id },
    })
    const cookies = parseSetCookies([accepted.headers['set-cookie']].flat() as string[])
    const me = await kit.app.inject({ url: '/api/me', headers: { cookie: `kpi_session=${cookies['kpi_session']}` } })
    expect(me.json().user.email).toBe(email)
    // …and signs in with that password from now on.
    expect((await loginAs(kit.app, email, 'a long password')).user.role).toBe('rep')

    const list = await kit.app.inject({ url: '/api/invitations', headers: kit.admin.headers })
    const listed = list.json().invitations.find((i: { id: number }) => i.id === invitation.id)
    expect(listed).toMatchObject({
      state: 'accepted',
      userId: me.json().user.id,
      mail: { status: 'sent', error: null },
    })
    const audit = await kit.db.pool.query(
      `SELECT action FROM audit_log WHERE organization_id = $1 AND entity IN ('invitation', 'user') AND
              (entity_id = $2 OR entity_id = $3) ORDER BY id`,
      [kit.tenant.organizationId, String(invitation.id), String(me.json().user.id)],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['invitation.created', 'user.created', 'invitation.accepted'])
  })

  test('a Dutch invitation (locale nl) is written in Dutch and the account gets that language', async () => {
    const email = `bram-${kit.tenant.tag}@example.test`
    const response = await invite(kit.admin, { email, name: 'Bram', role: 'manager', locale: 'nl' })
    expect(response.statusCode, response.body).toBe(201)
    const mail = await mailTo(email)
    expect(mail.subject).toBe(`admin ${kit.tenant.tag} heeft je uitgenodigd voor Org ${kit.tenant.tag}`)
    const token = tokenIn(mail.text)
    expect(mail.text).toBe(
      [
        'Hallo Bram,',
        '',
        `admin ${kit.tenant.tag} heeft je uitgenodigd voor Org ${kit.tenant.tag} als manager.`,
        '',
        'Kies een wachtwoord om je account te activeren.',
        '',
        `Uitnodiging accepteren: ${PUBLIC_URL}/invite/${token}`,
        '',
        'De link werkt 7 dagen en maar één keer.',
        'Verwachtte je dit niet? Dan kun je deze e-mail negeren.',
        '',
        '— ',
        `Org ${kit.tenant.tag}`,
        '',
      ].join('\n'),
    )
    expect(mail.html).toContain('>Uitnodiging accepteren</a>')
    expect(mail.html).toContain('<html')
    const accepted = await anonymous('/api/invitations/accept', { token, password: 'een lang wachtwoord' })
    expect(accepted.statusCode, accepted.body).toBe(200)
    const { rows } = await kit.db.pool.query('SELECT role::text, locale, name FROM users WHERE email = $1', [email])
    expect(rows).toEqual([{ role: 'MANAGER', locale: 'nl', name: 'Bram' }])
  })

  test('the e-mail follows the inviter’s language when none is given', async () => {
    await kit.db.pool.query("UPDATE users SET locale = 'nl' WHERE id = $1", [kit.tenant.teams[1].manager.id])
    const manager = await loginAs(kit.app, kit.tenant.teams[1].manager.email)
    const email = `cas-${kit.tenant.tag}@example.test`
    const response = await invite(manager, { email, name: 'Cas', role: 'rep', teamId: kit.tenant.teams[1].id })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().invitation.locale).toBe('nl')
    expect((await mailTo(email)).subject).toBe(
      `manager2 ${kit.tenant.tag} heeft je uitgenodigd voor Org ${kit.tenant.tag}`,
    )
  })

  test('the person accepting in another language keeps that language for their e-mails', async () => {
    const email = `femke-${kit.tenant.tag}@example.test`
    const response = await invite(kit.admin, { email, name: 'Femke', role: 'rep', locale: 'en' })
    expect(response.statusCode, response.body).toBe(201)
    const token = tokenIn((await mailTo(email)).text)
    const accepted = await anonymous('/api/invitations/accept', {
      token,
      password: 'een lang wachtwoord',
      locale: 'nl',
    })
    expect(accepted.statusCode, accepted.body).toBe(200)
    const { rows } = await kit.db.pool.query('SELECT locale FROM users WHERE email = $1', [email])
    expect(rows).toEqual([{ locale: 'nl' }])
  })

  test('a manager invited to a team nobody manages becomes its manager; a managed team keeps its manager', async () => {
    const { rows: teams } = await kit.db.pool.query<{ id: number }>(
      'INSERT INTO teams (organization_id, name) VALUES ($1, $2) RETURNING id',
      [kit.tenant.organizationId, `West ${kit.tenant.tag}`],
    )
    const west = teams[0]!.id
    const gina = `gina-${kit.tenant.tag}@example.test`
    expect((await invite(kit.admin, { email: gina, name: 'Gina', role: 'manager', teamId: west })).statusCode).toBe(201)
    const token = tokenIn((await mailTo(gina)).text)
    const accepted = await anonymous('/api/invitations/accept', { token, password: 'a long password' })
    expect(accepted.statusCode, accepted.body).toBe(200)
    const user = accepted.json().user
    expect(user.managedTeams).toEqual([{ id: west, name: `West ${kit.tenant.tag}` }])
    const audit = await kit.db.pool.query(
      'SELECT actor_id, before, after FROM audit_log WHERE action = $1 AND entity_id = $2',
      ['team.updated', String(west)],
    )
    expect(audit.rows).toEqual([
      { actor_id: user.id, before: { managerId: null, version: 1 }, after: { managerId: user.id, version: 2 } },
    ])

    // North has its manager: a second manager invited there joins it without taking it over.
    const north = kit.tenant.teams[0]
    const hugo = `hugo-${kit.tenant.tag}@example.test`
    expect((await invite(kit.admin, { email: hugo, name: 'Hugo', role: 'manager', teamId: north.id })).statusCode).toBe(
      201,
    )
    const second = await anonymous('/api/invitations/accept', {
      token: tokenIn((await mailTo(hugo)).text),
      password: 'a long password',
    })
    expect(second.json().user.managedTeams).toEqual([])
    const { rows } = await kit.db.pool.query('SELECT manager_id FROM teams WHERE id = $1', [north.id])
    expect(rows).toEqual([{ manager_id: north.manager.id }])
  })

  test('re-inviting replaces the token: the first link stops working, the second one works', async () => {
    const email = `dana-${kit.tenant.tag}@example.test`
    const first = await invite(kit.admin, { email, name: 'Dana', role: 'rep' })
    expect(first.statusCode).toBe(201)
    const firstToken = tokenIn((await mailTo(email)).text)
    const again = await invite(kit.admin, { email, name: 'Dana K', role: 'rep', teamId: kit.tenant.teams[1].id })
    expect(again.statusCode, again.body).toBe(201) // the same invitation, with a new link
    expect(again.json().invitation).toMatchObject({ id: first.json().invitation.id, name: 'Dana K' })
    await vi.waitFor(() =>
      expect(kit.smtp.received.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(2),
    )
    const second = kit.smtp.received.filter((m) => JSON.stringify(m.to).includes(email))[1]!
    const secondToken = tokenIn(second.text)
    expect(secondToken).not.toBe(firstToken)

    const old = await anonymous('/api/invitations/accept', { token: firstToken, password: 'a long password' })
    expect(old.statusCode).toBe(400)
    expect(old.json()).toMatchObject({ error: 'validation_failed', field: 'body.token' })
    expect(old.json().message).toMatch(/^this invitation link is not valid/)
    const ok = await anonymous('/api/invitations/accept', { token: secondToken, password: 'a long password' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().user).toMatchObject({ name: 'Dana K', team: { id: kit.tenant.teams[1].id } })
  })

  test('resend: a new e-mail and link, the old one stops working', async () => {
    const email = `eva-${kit.tenant.tag}@example.test`
    const { invitation } = (await invite(kit.admin, { email, name: 'Eva', role: 'rep' })).json()
    const firstToken = tokenIn((await mailTo(email)).text)
    const resent = await kit.app.inject({
      method: 'POST',
      url: `/api/invitations/${invitation.id}/resend`,
      headers: kit.admin.headers,
    })
    expect(resent.statusCode, resent.body).toBe(200)
    await vi.waitFor(() =>
      expect(kit.smtp.received.filter((m) => JSON.stringify(m.to).includes(email))).toHaveLength(2),
    )
    const secondToken = tokenIn(kit.smtp.received.filter((m) => JSON.stringify(m.to).includes(email))[1]!.text)
    expect((await anonymous('/api/invitations/preview', { token: firstToken })).statusCode).toBe(400)
    expect((await anonymous('/api/invitations/preview', { token: secondToken })).statusCode).toBe(200)
  })

  test('a refused recipient: the invitation shows the failed delivery with the server’s answer', async () => {
    kit.smtp.refuse((to) => (to.startsWith('gone-') ? '550 5.1.1 mailbox unavailable' : null))
    try {
      // Three attempts with production back-offs would take hours: fail it after the first refusal instead.
      const email = `gone-${kit.tenant.tag}@example.test`
      const { invitation } = (await invite(kit.admin, { email, name: 'Gone', role: 'rep' })).json()
      await vi.waitFor(
        async () => {
          const { rows } = await kit.db.pool.query(
            'SELECT m.attempts FROM invitations i JOIN mail_messages m ON m.id = i.mail_message_id WHERE i.id = $1',
            [invitation.id],
          )
          expect(rows[0].attempts).toBe(1)
        },
        { timeout: 10_000 },
      )
      await kit.db.pool.query(
        `UPDATE mail_messages SET status = 'FAILED' WHERE id = (SELECT mail_message_id FROM invitations WHERE id = $1)`,
        [invitation.id],
      )
      const list = await kit.app.inject({ url: '/api/invitations', headers: kit.admin.headers })
      const listed = list.json().invitations.find((i: { id: number }) => i.id === invitation.id)
      expect(listed.mail).toMatchObject({ status: 'failed', sentAt: null })
      expect(listed.mail.error).toMatch(/550 5\.1\.1 mailbox unavailable/)
    } finally {
      kit.smtp.refuse(null)
    }
  })
})
