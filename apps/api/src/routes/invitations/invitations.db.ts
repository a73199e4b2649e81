import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import type { CreateInvitationBody, Invitation } from '@kpi/contract/invitations'
import { writeAuditSql } from '../../audit/audit.db.ts'
import { roleFromDb, roleToDb, type AuthUser } from '../../auth/auth-user.ts'
import { normaliseEmail } from '../../auth/login-limit.db.ts'
import { hashToken, newToken } from '../../auth/session.db.ts'
import { HttpError } from '../../http-errors.ts'
import { findInvitation, invitationTeams } from './invitation-read.db.ts'
import { invitationMail } from './invitation-mail.ts'
import { inTransaction } from '@kpi/db/transaction'

/** How long a link works, from the last (re-)invitation. */
export const INVITATION_DAYS = 7

export type Issued = { invitation: Invitation; link?: string }

/** The app (its pool and mail) and where people open the product (config.publicUrl, for the link). */
export type Inviting = { app: FastifyInstance; publicUrl: string }

/** Who may invite whom: admins anyone to any team of theirs; managers reps to a team they manage. */
async function assertMayInvite(client: pg.PoolClient, actor: AuthUser, body: CreateInvitationBody): Promise<void> {
  if (actor.role === 'manager') {
    if (body.role !== 'rep') throw new HttpError('forbidden', 'managers may invite reps only', 'body.role')
    if (body.teamId === null)
      throw new HttpError('validation_failed', 'choose one of the teams you manage', 'body.teamId')
    if (!actor.managedTeamIds.includes(body.teamId))
      throw new HttpError('forbidden', `you do not manage team ${body.teamId}`, 'body.teamId')
    return
  }
  if (body.teamId === null) return
  const { rows } = await client.query('SELECT 1 FROM teams WHERE id = $1 AND organization_id = $2', [
    body.teamId,
    actor.organizationId,
  ])
  if (rows.length === 0) throw new HttpError('validation_failed', `team ${body.teamId} does not exist`, 'body.teamId')
}

async function assertNoAccount(
  client: pg.PoolClient,
  organizationId: number,
  email: string,
  forUserId: number | null,
): Promise<void> {
  // The person being given sign-in may already carry this e-mail (imported with it): that is not a conflict.
  const { rows } = await client.query<{ active: boolean }>(
    'SELECT active FROM users WHERE organization_id = $1 AND email = $2 AND id IS DISTINCT FROM $3',
    [organizationId, email, forUserId],
  )
  if (rows[0] === undefined) return
  const why = rows[0].active
    ? `${email} already has an account in this organisation`
    : `${email} has a deactivated account in this organisation: reactivate it in the users list`
  throw new HttpError('conflict', why, 'body.email')
}

type Invitee = { name: string; role: CreateInvitationBody['role']; teamId: number | null }

/**
 * The person an invitation with `userId` is for (decision 0028): admins only, an active user of the organisation
 * without sign-in. The invitation carries their name, role and team, so the e-mail says what they already are.
 */
async function existingInvitee(client: pg.PoolClient, actor: AuthUser, userId: number): Promise<Invitee> {
  if (actor.role !== 'admin')
    throw new HttpError('forbidden', 'only admins invite people who already own records', 'body.userId')
  const { rows } = await client.query<{
    name: string
    role: string
    team_id: number | null
    sign_in: boolean
    active: boolean
  }>(
    `SELECT name, role::text, team_id, password_hash IS NOT NULL AS sign_in, active FROM users
      WHERE id = $1 AND organization_id = $2`,
    [userId, actor.organizationId],
  )
  const user = rows[0]
  if (user === undefined) throw new HttpError('validation_failed', `user ${userId} does not exist`, 'body.userId')
  if (!user.active)
    throw new HttpError('conflict', `${user.name} is deactivated: activate the account first`, 'body.userId')
  if (user.sign_in) throw new HttpError('conflict', `${user.name} can already sign in`, 'body.userId')
  return { name: user.name, role: roleFromDb(user.role), teamId: user.team_id }
}

/**
 * Gives invitation `id` a fresh token and seven more days, and e-mails the link (queued in this transaction) or,
 * when mail is off, returns it for the inviter to hand over. The previous token stops working: only the hash of
 * the new one is stored.
 */
async function issue({ app, publicUrl }: Inviting, client: pg.PoolClient, actor: AuthUser, id: number) {
  const token = newToken()
  const { rows } = await client.query<{
    email: string
    name: string
    role: string
    locale: 'en' | 'nl'
    organization: string
    team: string | null
  }>(
    `UPDATE invitations i SET token_hash = $2, expires_at = now() + make_interval(days => $3), mail_message_id = NULL
       FROM organizations o
      WHERE i.id = $1 AND o.id = i.organization_id
      RETURNING i.email, i.name, i.role::text, i.locale, o.name AS organization,
                (SELECT t.name FROM teams t WHERE t.id = i.team_id) AS team`,
    [id, hashToken(token), INVITATION_DAYS],
  )
  const row = rows[0]!
  const link = `${publicUrl}/invite/${token}`
  if (!app.mail.enabled) return { link }
  const mail = invitationMail({ ...row, role: roleFromDb(row.role), inviter: actor.name, url: link })
  const mailId = await app.mail.queue(client, {
    organizationId: actor.organizationId,
    kind: 'invitation',
    to: row.email,
    ...mail,
  })
  await client.query('UPDATE invitations SET mail_message_id = $2 WHERE id = $1', [id, mailId])
  return {}
}

async function finish(app: FastifyInstance, actor: AuthUser, id: number, link: string | undefined): Promise<Issued> {
  if (app.mail.enabled) app.mail.wake()
  const invitation = (await findInvitation(app.store.pool, actor, id))!
  return link === undefined ? { invitation } : { invitation, link }
}

/**
 * Invites a person, or re-invites them: an open invitation for the same email (pending or expired) is updated in
 * place with the new name, role, team and a new token, so the link sent before stops working.
 */
export async function createInvitation(ctx: Inviting, actor: AuthUser, body: CreateInvitationBody): Promise<Issued> {
  const email = normaliseEmail(body.email)
  const { app } = ctx
  const { id, link } = await inTransaction(app.store.pool, async (client) => {
    const forUserId = body.userId ?? null
    const invitee = forUserId === null ? body : await existingInvitee(client, actor, forUserId)
    await assertMayInvite(client, actor, { ...body, ...invitee })
    await assertNoAccount(client, actor.organizationId, email, forUserId)
    // A placeholder hash until issue() sets the real one; both run in this transaction.
    const { rows } = await client.query<{ id: number; created: boolean }>(
      `INSERT INTO invitations (organization_id, email, name, role, team_id, locale, token_hash, invited_by_id,
                               expires_at, user_id)
       VALUES ($1, $2, $3, $4::"Role", $5, coalesce($6, (SELECT locale FROM users WHERE id = $7), 'en'),
               'pending:' || gen_random_uuid(), $7, now(), $9)
       ON CONFLICT (organization_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL
       DO UPDATE SET name = excluded.name, role = excluded.role, team_id = excluded.team_id,
                     locale = excluded.locale, invited_by_id = excluded.invited_by_id, user_id = excluded.user_id
        WHERE $8::int[] IS NULL OR invitations.team_id = ANY($8::int[])
       RETURNING id, xmax = 0 AS created`,
      [
        actor.organizationId,
        email,
        invitee.name,
        roleToDb(invitee.role),
        invitee.teamId,
        body.locale ?? null,
        actor.id,
        invitationTeams(actor),
        forUserId,
      ],
    )
    // The conflict's WHERE kept a manager from taking over an invitation to a team they do not manage.
    if (rows[0] === undefined)
      throw new HttpError('conflict', `${email} has an open invitation to a team you do not manage`, 'body.email')
    const { id, created } = rows[0]
    const { link } = await issue(ctx, client, actor, id)
    await writeAuditSql(client, {
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: created ? 'invitation.created' : 'invitation.renewed',
      entity: 'invitation',
      entityId: id,
      before: null,
      after: { email, name: invitee.name, role: invitee.role, teamId: invitee.teamId, userId: forUserId },
    })
    return { id, link }
  })
  return finish(app, actor, id, link)
}

/** Locks invitation `id` for `actor` (404 when they may not manage it) and returns its state columns. */
async function lockInvitation(client: pg.PoolClient, actor: AuthUser, id: number) {
  const { rows } = await client.query<{ accepted_at: Date | null; revoked_at: Date | null }>(
    `SELECT accepted_at, revoked_at FROM invitations
      WHERE id = $1 AND organization_id = $2 AND ($3::int[] IS NULL OR team_id = ANY($3::int[]))
        FOR UPDATE`,
    [id, actor.organizationId, invitationTeams(actor)],
  )
  if (rows[0] === undefined) throw new HttpError('not_found', `invitation ${id} not found`)
  return rows[0]
}

/** A new link (and e-mail) for a pending or expired invitation; seven more days. */
export async function resendInvitation(ctx: Inviting, actor: AuthUser, id: number): Promise<Issued> {
  const { app } = ctx
  const link = await inTransaction(app.store.pool, async (client) => {
    const row = await lockInvitation(client, actor, id)
    if (row.accepted_at !== null) throw new HttpError('conflict', `invitation ${id} was already accepted`)
    if (row.revoked_at !== null)
      throw new HttpError('conflict', `invitation ${id} was revoked: invite the person again instead`)
    const { link } = await issue(ctx, client, actor, id)
    await writeAuditSql(client, {
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: 'invitation.resent',
      entity: 'invitation',
      entityId: id,
      before: null,
      after: null,
    })
    return link
  })
  return finish(app, actor, id, link)
}

/** Withdraws an invitation: its link stops working at once. Revoking twice is harmless. */
export async function revokeInvitation(app: FastifyInstance, actor: AuthUser, id: number): Promise<Invitation> {
  await inTransaction(app.store.pool, async (client) => {
    const row = await lockInvitation(client, actor, id)
    if (row.accepted_at !== null)
      throw new HttpError('conflict', `invitation ${id} was already accepted: deactivate the user instead`)
    if (row.revoked_at !== null) return
    await client.query('UPDATE invitations SET revoked_at = now() WHERE id = $1', [id])
    await writeAuditSql(client, {
      organizationId: actor.organizationId,
      actorId: actor.id,
      action: 'invitation.revoked',
      entity: 'invitation',
      entityId: id,
      before: null,
      after: null,
    })
  })
  return (await findInvitation(app.store.pool, actor, id))!
}
