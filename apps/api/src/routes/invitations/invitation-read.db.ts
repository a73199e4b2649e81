import type { Invitation, InvitationState } from '@kpi/contract/invitations'
import { roleFromDb, type AuthUser } from '../../auth/auth-user.ts'
import type { Queryable } from '../../mail/outbox.ts'

type Row = {
  id: number
  email: string
  name: string
  role: string
  team_id: number | null
  locale: 'en' | 'nl'
  invited_by_id: number | null
  invited_by_name: string | null
  created_at: Date
  expires_at: Date
  accepted_at: Date | null
  revoked_at: Date | null
  user_id: number | null
  expired: boolean
  mail_status: 'QUEUED' | 'SENT' | 'FAILED' | null
  mail_error: string | null
  mail_sent_at: Date | null
}

// Expiry is decided by PostgreSQL's clock, as everywhere else a lifetime is (sessions, login limits).
const SELECT_INVITATIONS = `
  SELECT i.id, i.email, i.name, i.role::text, i.team_id, i.locale, i.invited_by_id, u.name AS invited_by_name,
         i.created_at, i.expires_at, i.accepted_at, i.revoked_at, i.user_id, i.expires_at <= now() AS expired,
         m.status::text AS mail_status, m.last_error AS mail_error, m.sent_at AS mail_sent_at
    FROM invitations i
    LEFT JOIN users u ON u.id = i.invited_by_id
    LEFT JOIN mail_messages m ON m.id = i.mail_message_id`

export function stateOf(row: { accepted_at: Date | null; revoked_at: Date | null; expired: boolean }): InvitationState {
  if (row.accepted_at !== null) return 'accepted'
  if (row.revoked_at !== null) return 'revoked'
  return row.expired ? 'expired' : 'pending'
}

function toInvitation(row: Row): Invitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: roleFromDb(row.role),
    teamId: row.team_id,
    locale: row.locale,
    state: stateOf(row),
    invitedBy:
      row.invited_by_id === null
        ? null
        : { id: row.invited_by_id, name: row.invited_by_name ?? String(row.invited_by_id) },
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    userId: row.user_id,
    mail:
      row.mail_status === null
        ? null
        : {
            status: row.mail_status === 'QUEUED' ? 'queued' : row.mail_status === 'SENT' ? 'sent' : 'failed',
            error: row.mail_error,
            sentAt: row.mail_sent_at?.toISOString() ?? null,
          },
  }
}

/** The teams whose invitations `viewer` manages: null for an admin (all of the organisation's). */
export function invitationTeams(viewer: AuthUser): number[] | null {
  return viewer.role === 'admin' ? null : viewer.managedTeamIds
}

const LIMIT = 200

/** Newest first: an admin's whole organisation, a manager's teams. */
export async function listInvitations(db: Queryable, viewer: AuthUser): Promise<Invitation[]> {
  const { rows } = await db.query<Row>(
    `${SELECT_INVITATIONS}
      WHERE i.organization_id = $1 AND ($2::int[] IS NULL OR i.team_id = ANY($2::int[]))
      ORDER BY i.created_at DESC, i.id DESC
      LIMIT $3`,
    [viewer.organizationId, invitationTeams(viewer), LIMIT],
  )
  return rows.map(toInvitation)
}

/** One invitation `viewer` may manage, or null (another organisation's, another team's: the same not found). */
export async function findInvitation(db: Queryable, viewer: AuthUser, id: number): Promise<Invitation | null> {
  const { rows } = await db.query<Row>(
    `${SELECT_INVITATIONS}
      WHERE i.id = $1 AND i.organization_id = $2 AND ($3::int[] IS NULL OR i.team_id = ANY($3::int[]))`,
    [id, viewer.organizationId, invitationTeams(viewer)],
  )
  return rows[0] === undefined ? null : toInvitation(rows[0])
}
