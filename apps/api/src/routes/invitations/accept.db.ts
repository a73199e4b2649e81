import { hashPassword } from '@kpi/db/passwords'
import type pg from 'pg'
import type { InvitationPreview } from '@kpi/contract/invitations'
import { writeAuditSql } from '../../audit/audit.db.ts'
import { roleFromDb } from '../../auth/auth-user.ts'
import { hashToken } from '../../auth/session.db.ts'
import type { Queryable } from '../../mail/outbox.ts'
import { HttpError } from '../../http-errors.ts'
import { stateOf } from './invitation-read.db.ts'
import { inTransaction } from '@kpi/db/transaction'

type Row = {
  id: number
  organization_id: number
  organization: string
  email: string
  name: string
  role: string
  team_id: number | null
  team: string | null
  locale: 'en' | 'nl'
  invited_by_id: number | null
  /** The existing person without sign-in it is for (decision 0028), or null: a new user. */
  user_id: number | null
  inviter: string | null
  expires_at: Date
  accepted_at: Date | null
  revoked_at: Date | null
  expired: boolean
}

/** The invitation a link's token opens, locked for the acceptance when `lock`; null when no invitation has it. */
async function byToken(db: Queryable, token: string, lock: boolean): Promise<Row | null> {
  const { rows } = await db.query<Row>(
    `SELECT i.id, i.organization_id, o.name AS organization, i.email, i.name, i.role::text, i.team_id,
            t.name AS team, i.locale, i.invited_by_id, i.user_id, u.name AS inviter, i.expires_at, i.accepted_at,
            i.revoked_at, i.expires_at <= now() AS expired
       FROM invitations i
       JOIN organizations o ON o.id = i.organization_id
       LEFT JOIN teams t ON t.id = i.team_id
       LEFT JOIN users u ON u.id = i.invited_by_id
      WHERE i.token_hash = $1
        ${lock ? 'FOR UPDATE OF i' : ''}`,
    [hashToken(token)],
  )
  return rows[0] ?? null
}

/**
 * The invitation behind a usable token; otherwise 400 naming body.token, with what the person can do about it.
 * An unknown token also covers a replaced one (re-invited: only the newest link works).
 */
function usable(row: Row | null): Row {
  if (row === null)
    throw new HttpError(
      'validation_failed',
      'this invitation link is not valid: it may have been replaced by a newer one — use the link in the latest e-mail, or ask for a new invitation',
      'body.token',
    )
  const inviter = row.inviter ?? `an administrator of ${row.organization}`
  const problems = {
    accepted: `this invitation was already accepted — sign in with ${row.email} and your password`,
    revoked: `this invitation was withdrawn — ask ${inviter} for a new one`,
    expired: `this invitation has expired — ask ${inviter} for a new one`,
  }
  const state = stateOf(row)
  if (state !== 'pending') throw new HttpError('validation_failed', problems[state], 'body.token')
  return row
}

/** Who invited whom to which organisation as what: what the accept page shows before asking for a password. */
export async function previewInvitation(pool: pg.Pool, token: string): Promise<InvitationPreview> {
  const row = usable(await byToken(pool, token, false))
  return {
    organization: { name: row.organization },
    invitedBy: row.inviter === null ? null : { name: row.inviter },
    email: row.email,
    name: row.name,
    role: roleFromDb(row.role),
    team: row.team === null ? null : { name: row.team },
    locale: row.locale,
    expiresAt: row.expires_at.toISOString(),
  }
}

/**
 * Turns a pending invitation into an active user with the given password, once: the row is locked and checked
 * again inside the transaction, so of two concurrent acceptances one creates the user and the other gets the
 * "already accepted" 400. `locale` is the language the person uses while accepting (it beats the inviter's
 * guess stored on the invitation). Returns the new user's id, to sign them in.
 */
export async function acceptInvitation(
  pool: pg.Pool,
  {
    token,
    password,
    name,
    locale,
  }: { token: string; password: string; name?: string | undefined; locale?: 'en' | 'nl' | undefined },
): Promise<number> {
  // Check first, hash after: scrypt costs tens of milliseconds, and only a real invitation is worth them.
  usable(await byToken(pool, token, false))
  const passwordHash = await hashPassword(password)
  return inTransaction(pool, async (client) => {
    const invitation = usable(await byToken(client, token, true))
    if (invitation.user_id !== null)
      return giveSignIn(client, invitation, { passwordHash, name, locale: locale ?? invitation.locale })
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO users (organization_id, email, name, role, team_id, password_hash, locale, updated_at)
       VALUES ($1, $2, $3, $4::"Role", $5, $6, $7, now())
       ON CONFLICT (organization_id, email) DO NOTHING
       RETURNING id`,
      [
        invitation.organization_id,
        invitation.email,
        name ?? invitation.name,
        invitation.role,
        invitation.team_id,
        passwordHash,
        locale ?? invitation.locale,
      ],
    )
    // An admin created the account by hand meanwhile: the invitation has nothing left to do.
    if (rows[0] === undefined) throw alreadyHasAccount(invitation)
    const userId = rows[0].id
    await client.query('UPDATE invitations SET accepted_at = now(), user_id = $2 WHERE id = $1', [
      invitation.id,
      userId,
    ])
    const user = {
      id: userId,
      email: invitation.email,
      name: name ?? invitation.name,
      role: roleFromDb(invitation.role),
      teamId: invitation.team_id,
    }
    const audit = { organizationId: invitation.organization_id, actorId: userId, before: null }
    await writeAuditSql(client, { ...audit, action: 'user.created', entity: 'user', entityId: userId, after: user })
    if (user.role === 'manager' && invitation.team_id !== null) await manageIfUnmanaged(client, invitation, userId)
    await writeAuditSql(client, {
      ...audit,
      action: 'invitation.accepted',
      entity: 'invitation',
      entityId: invitation.id,
      after: { userId },
    })
    return userId
  })
}

function alreadyHasAccount(invitation: Row): HttpError {
  return new HttpError(
    'conflict',
    `${invitation.email} already has an account in ${invitation.organization} — sign in instead`,
    'body.token',
  )
}

/**
 * Accepting an invitation for a person who already owns records (decision 0028): THAT user gets the e-mail and
 * the password — their deals, targets and history stay theirs. Refused when they got sign-in meanwhile, were
 * deactivated, or another account took the e-mail.
 */
async function giveSignIn(
  client: Queryable,
  invitation: Row,
  input: { passwordHash: string; name: string | undefined; locale: string },
): Promise<number> {
  const userId = invitation.user_id!
  const { rows: taken } = await client.query(
    'SELECT 1 FROM users WHERE organization_id = $1 AND email = $2 AND id <> $3',
    [invitation.organization_id, invitation.email, userId],
  )
  if (taken.length > 0) throw alreadyHasAccount(invitation)
  const { rows } = await client.query<{ email: string | null; name: string }>(
    `UPDATE users u SET email = $3, password_hash = $4, name = coalesce($5, u.name), locale = $6,
                        version = u.version + 1, updated_at = now()
       FROM users prior
      WHERE u.id = $1 AND u.organization_id = $2 AND u.active AND u.password_hash IS NULL AND prior.id = u.id
      RETURNING prior.email, prior.name`,
    [userId, invitation.organization_id, invitation.email, input.passwordHash, input.name ?? null, input.locale],
  )
  const before = rows[0]
  if (before === undefined)
    throw new HttpError(
      'conflict',
      `this invitation can no longer be used: ${invitation.name} can already sign in or was deactivated`,
      'body.token',
    )
  await client.query('UPDATE invitations SET accepted_at = now() WHERE id = $1', [invitation.id])
  const audit = { organizationId: invitation.organization_id, actorId: userId }
  await writeAuditSql(client, {
    ...audit,
    action: 'user.updated',
    entity: 'user',
    entityId: userId,
    before: { email: before.email, name: before.name, signIn: false },
    after: { email: invitation.email, name: input.name ?? before.name, signIn: true },
  })
  await writeAuditSql(client, {
    ...audit,
    action: 'invitation.accepted',
    entity: 'invitation',
    entityId: invitation.id,
    before: null,
    after: { userId },
  })
  return userId
}

/**
 * A manager invited to a team nobody manages yet becomes its manager: that is what "manager in North" promised on
 * the invitation, and without it they would land with no team to see or invite to. A team that has a manager
 * keeps them (the admin reassigns it in the users admin); only the team's manager changes, audited as the admin's
 * own edits are.
 */
async function manageIfUnmanaged(client: Queryable, invitation: Row, userId: number): Promise<void> {
  const { rows } = await client.query<{ version: number }>(
    `UPDATE teams SET manager_id = $2, version = version + 1
      WHERE id = $1 AND manager_id IS NULL AND active
      RETURNING version`,
    [invitation.team_id, userId],
  )
  if (rows[0] === undefined) return
  await writeAuditSql(client, {
    organizationId: invitation.organization_id,
    actorId: userId,
    action: 'team.updated',
    entity: 'team',
    entityId: invitation.team_id!,
    before: { managerId: null, version: rows[0].version - 1 },
    after: { managerId: userId, version: rows[0].version },
  })
}
