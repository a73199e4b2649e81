import { describe, expect, test } from 'vitest'
import { csrfHeaders, loginAs } from '../../testing/login-as.ts'
import { useMailApp } from '../../testing/mail-test-kit.ts'
import { withTenantPerTest } from '../settings/config-test-kit.ts'

// People who own records but never sign in (issue 17, decision 0028): they cannot log in or reset a password,
// and an admin's invitation gives THAT person sign-in, keeping their records.

const PUBLIC_URL = 'https://kpi.example.test'
const LINK = /https:\/\/kpi\.example\.test\/(?:invite|reset-password)\/([A-Za-z0-9_-]{43})/

const kit = withTenantPerTest(useMailApp({ from: 'Acme KPI <kpi@example.com>', publicUrl: PUBLIC_URL }))

const anonymous = (url: string, payload: Record<string, unknown>) =>
  kit.app.inject({ method: 'POST', url, headers: csrfHeaders(), payload })

/** A rep of team 1 as an import makes them: a name, perhaps an e-mail, no password; owning one customer. */
async function personWithoutSignIn(email: string | null): Promise<{ id: number; customerId: number }> {
  const { rows } = await kit.db.pool.query<{ id: number }>(
    `INSERT INTO users (organization_id, email, name, role, team_id, updated_at)
     VALUES ($1, $2, $3, 'REP', $4, now()) RETURNING id`,
    [kit.tenant.organizationId, email, `Moses ${kit.tenant.tag}`, kit.tenant.teams[0].id],
  )
  const id = rows[0]!.id
  const customer = await kit.db.pool.query<{ id: number }>(
    `INSERT INTO customers (organization_id, name, segment, owner_id) VALUES ($1, 'Moses Ltd', 'SMB', $2) RETURNING id`,
    [kit.tenant.organizationId, id],
  )
  return { id, customerId: customer.rows[0]!.id }
}

describe('a person without sign-in', () => {
  test('cannot log in, not even with an e-mail on file and an empty or any password', async () => {
    const email = `moses-${kit.tenant.tag}@example.test`
    await personWithoutSignIn(email)
    for (const password of ['a long password', 'correct horse battery']) {
      const login = await anonymous('/api/auth/login', { email, password })
      expect(login.statusCode, login.body).toBe(401)
      expect(login.json().message).toBe('email or password is wrong')
    }
  })

  test('gets no reset link when asking, and an admin is told to invite instead', async () => {
    const email = `moses-${kit.tenant.tag}@example.test`
    const { id } = await personWithoutSignIn(email)
    // The same address with sign-in in the other organisation: its e-mail says the request's work is done.
    await kit.db.pool.query(
      `INSERT INTO users (organization_id, email, name, role, password_hash, updated_at)
       SELECT organization_id, $2, 'Moses elsewhere', 'REP', password_hash, now() FROM users WHERE id = $1`,
      [kit.tenant.other.rep.id, email],
    )
    const asked = await anonymous('/api/auth/password-reset', { email })
    expect(asked.statusCode, asked.body).toBe(202) // the same answer as for any address
    const mail = await kit.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(email))
    expect(mail.text).toContain('Moses elsewhere')
    const links = await kit.db.pool.query('SELECT 1 FROM password_resets WHERE user_id = $1', [id])
    expect(links.rows).toEqual([])

    const byAdmin = await kit.app.inject({
      method: 'POST',
      url: `/api/users/${id}/password-reset`,
      headers: kit.admin.headers,
    })
    expect(byAdmin.statusCode, byAdmin.body).toBe(409)
    expect(byAdmin.json().message).toBe(
      `Moses ${kit.tenant.tag} has no sign-in yet: invite them instead of resetting a password`,
    )
  })

  test('is listed as "no sign-in", without an e-mail', async () => {
    const { id } = await personWithoutSignIn(null)
    const list = await kit.app.inject({ url: '/api/users', headers: kit.admin.headers })
    const listed = list.json().users.find((u: { id: number }) => u.id === id)
    expect(listed).toMatchObject({ name: `Moses ${kit.tenant.tag}`, email: null, signIn: false, role: 'rep' })
    const seeded = list.json().users.find((u: { id: number }) => u.id === kit.tenant.admin.id)
    expect(seeded).toMatchObject({ signIn: true })
  })

  test('invited by an admin: accepting gives that same user the e-mail and a password, records kept', async () => {
    const { id, customerId } = await personWithoutSignIn(null)
    const email = `moses-${kit.tenant.tag}@example.test`
    // The body's role and team are not used: the invitation says what the person already is.
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: kit.admin.headers,
      payload: { email, name: 'ignored', role: 'admin', teamId: null, userId: id },
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().invitation).toMatchObject({
      email,
      name: `Moses ${kit.tenant.tag}`,
      role: 'rep',
      teamId: kit.tenant.teams[0].id,
      userId: id,
      state: 'pending',
    })

    const mail = await kit.smtp.waitFor((m) => JSON.stringify(m.to ?? '').includes(email))
    expect(mail.text).toContain(`invited you to Org ${kit.tenant.tag} as a sales rep in Team 1 ${kit.tenant.tag}.`)
    const token = LINK.exec(mail.text ?? '')![1]!
    const accepted = await anonymous('/api/invitations/accept', { token, password: 'a long password' })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json().user).toMatchObject({ id, email, name: `Moses ${kit.tenant.tag}`, role: 'rep' })

    const users = await kit.db.pool.query('SELECT count(*)::int AS n FROM users WHERE organization_id = $1', [
      kit.tenant.organizationId,
    ])
    expect(users.rows[0].n).toBe(8) // kit.admin, 2 managers, 4 reps + Moses: nobody new
    const owner = await kit.db.pool.query('SELECT owner_id FROM customers WHERE id = $1', [customerId])
    expect(owner.rows[0].owner_id).toBe(id)
    expect((await loginAs(kit.app, email, 'a long password')).user.id).toBe(id)

    // Used once: a second invitation for someone who can sign in is refused.
    const again = await kit.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: kit.admin.headers,
      payload: { email: `other-${kit.tenant.tag}@example.test`, name: 'x', role: 'rep', userId: id },
    })
    expect(again.statusCode, again.body).toBe(409)
    expect(again.json()).toMatchObject({ message: `Moses ${kit.tenant.tag} can already sign in`, field: 'body.userId' })
  })

  test('only admins invite an existing person', async () => {
    const { id } = await personWithoutSignIn(null)
    const manager = await loginAs(kit.app, kit.tenant.teams[0].manager.email)
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/invitations',
      headers: manager.headers,
      payload: {
        email: `moses-${kit.tenant.tag}@example.test`,
        name: 'x',
        role: 'rep',
        teamId: kit.tenant.teams[0].id,
        userId: id,
      },
    })
    expect(response.statusCode, response.body).toBe(403)
    expect(response.json().field).toBe('body.userId')
  })
})
