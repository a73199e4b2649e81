import type pg from 'pg'
import { hashToken, newToken } from '../../auth/session.db.ts'

/** A reset link works this long, once. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000
// One email may have accounts in several organisations; as at login, at most this many get a link per request.
const MAX_ACCOUNTS_PER_REQUEST = 10

type Db = Pick<pg.Pool, 'query'>

/** An account a reset link can be for, with what its e-mail needs. */
export type ResetAccount = {
  id: number
  organizationId: number
  organization: string
  name: string
  email: string
  locale: 'en' | 'nl'
}

const ACCOUNT_COLUMNS = `u.id, u.organization_id AS "organizationId", o.name AS organization, u.name, u.email,
       CASE WHEN u.locale = 'nl' THEN 'nl' ELSE 'en' END AS locale`

/**
 * The active accounts with this (normalised) email that have sign-in, one per organisation. A person who never
 * had a password (imported, decision 0028) gets no link: an admin's invitation gives them sign-in, not a mailbox.
 */
export async function activeAccountsByEmail(db: Db, email: string): Promise<ResetAccount[]> {
  const { rows } = await db.query<ResetAccount>(
    `SELECT ${ACCOUNT_COLUMNS}
       FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.email = $1 AND u.active AND u.password_hash IS NOT NULL
      ORDER BY u.organization_id
      LIMIT $2`,
    [email, MAX_ACCOUNTS_PER_REQUEST],
  )
  return rows
}

/** The user `id` of `organizationId` (active or not), or null: another organisation's user is not found. */
export async function accountInOrganization(
  db: Db,
  { id, organizationId }: { id: number; organizationId: number },
): Promise<(Omit<ResetAccount, 'email'> & { email: string | null; active: boolean; signIn: boolean }) | null> {
  const { rows } = await db.query<
    Omit<ResetAccount, 'email'> & { email: string | null; active: boolean; signIn: boolean }
  >(
    `SELECT ${ACCOUNT_COLUMNS}, u.active, u.password_hash IS NOT NULL AS "signIn"
       FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.id = $1 AND u.organization_id = $2`,
    [id, organizationId],
  )
  return rows[0] ?? null
}

/**
 * A new reset token for the user (returned; only its hash is stored), replacing their unused ones: only the latest
 * link works. `requestedById` is the admin who sent it, null when the person asked.
 */
export async function issueResetToken(
  db: Db,
  { userId, requestedById }: { userId: number; requestedById: number | null },
): Promise<string> {
  const token = newToken()
  await db.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId])
  await db.query(
    `INSERT INTO password_resets (user_id, token_hash, expires_at, requested_by_id)
     VALUES ($1, $2, now() + make_interval(secs => $3), $4)`,
    [userId, hashToken(token), RESET_LINK_LIFETIME_MS / 1000, requestedById],
  )
  return token
}

export type TokenRefusal = 'unknown' | 'used' | 'expired'

/**
 * Marks the token used and returns its (active) user — one UPDATE, so of two concurrent confirms only one finds
 * the row still unused: the other waits for its lock, then sees used_at set. Otherwise why it cannot be used.
 */
export async function useResetToken(
  db: Db,
  token: string,
): Promise<{ userId: number; email: string; organizationId: number } | { refused: TokenRefusal }> {
  const tokenHash = hashToken(token)
  const { rows } = await db.query<{ userId: number; email: string; organizationId: number }>(
    `UPDATE password_resets r SET used_at = now()
       FROM users u
      WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND u.id = r.user_id AND u.active
        AND u.email IS NOT NULL AND u.password_hash IS NOT NULL
      RETURNING u.id AS "userId", u.email, u.organization_id AS "organizationId"`,
    [tokenHash],
  )
  if (rows[0]) return rows[0]
  const { rows: found } = await db.query<{ used: boolean }>(
    `SELECT r.used_at IS NOT NULL AS used FROM password_resets r JOIN users u ON u.id = r.user_id
      WHERE r.token_hash = $1 AND u.active`,
    [tokenHash],
  )
  if (found[0] === undefined) return { refused: 'unknown' }
  return { refused: found[0].used ? 'used' : 'expired' }
}

/**
 * The new password (hashed by the caller), then what a reset must undo: every session of the user, their other
 * unused links, and the account's failed sign-ins (the back-off counts them per email, organisation-blind).
 */
export async function setNewPassword(
  db: Db,
  { userId, email, passwordHash }: { userId: number; email: string; passwordHash: string },
): Promise<void> {
  await db.query(`UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
    userId,
    passwordHash,
  ])
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId])
  await db.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId])
  await db.query('DELETE FROM login_failures WHERE email = $1', [email])
}
