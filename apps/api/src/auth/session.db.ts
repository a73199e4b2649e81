import { createHash, randomBytes } from 'node:crypto'
import type pg from 'pg'
import { roleFromDb, type AuthUser } from './auth-user.ts'

// Sessions live in the database (table `sessions`), so logout, deactivation and password resets take effect at
// once on every API replica. The cookie holds a random 32-byte token; the row id is its sha256, so someone who
// reads the table (a backup, a log of SQL) cannot turn a row back into a working cookie.

/** Idle timeout: a session unused this long is over. Every use pushes it forward (sliding). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
/** Absolute lifetime: however active, a session ends this long after login. */
export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000
/**
 * Live sessions per user. A new one beyond this ends the least recently used: every use slides expires_at, so the
 * earliest expiry is the browser left alone longest — likely forgotten — while a device in daily use stays signed
 * in (ending the oldest by creation would sign out the laptop used every day since the start of the month).
 */
export const MAX_SESSIONS_PER_USER = 20
// Sliding the expiry is a write; doing it at most once a minute keeps a dashboard's burst of parallel requests
// from queueing on the same row lock.
const REFRESH_AFTER_MS = 60 * 1000

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A fresh random token, base64url (43 characters): for the session cookie and the CSRF cookie alike. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Creates a session for the user and returns the cookie token (only its hash is stored). */
export async function createSession(
  pool: pg.Pool,
  { userId, userAgent, ip }: { userId: number; userAgent: string | undefined; ip: string },
): Promise<string> {
  const token = newToken()
  await pool.query(
    `INSERT INTO sessions (id, user_id, expires_at, user_agent, ip)
     VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5)`,
    [hashToken(token), userId, SESSION_IDLE_MS / 1000, userAgent?.slice(0, 512) ?? null, ip],
  )
  // On the (rare) login rather than a timer: the user's expired sessions and those beyond the cap (the new one is
  // always kept; ties on expiry, e.g. within the one-minute refresh step, end the older first), and a bounded batch
  // of everyone's long-expired ones (users who never came back), found through the expires_at index.
  await pool.query(
    `DELETE FROM sessions
      WHERE (user_id = $1 AND expires_at <= now())
         OR id IN (SELECT id FROM sessions WHERE user_id = $1 AND expires_at > now()
                    ORDER BY id = $2 DESC, expires_at DESC, created_at DESC OFFSET $3)
         OR id IN (SELECT id FROM sessions WHERE expires_at < now() - INTERVAL '1 day' LIMIT 100)`,
    [userId, hashToken(token), MAX_SESSIONS_PER_USER],
  )
  return token
}

type SessionRow = {
  id: number
  organization_id: number
  role: string
  team_id: number | null
  name: string
  email: string
  managed_team_ids: number[]
  two_factor_setup_required: boolean
  idle_ms: number
}

/**
 * The user behind a cookie token, or null when the session is unknown or expired or the user is deactivated.
 * One query on the primary key joined to the user; slides the expiry (capped by the absolute lifetime).
 */
export async function findSessionUser(pool: pg.Pool, token: string): Promise<AuthUser | null> {
  const id = hashToken(token)
  const { rows } = await pool.query<SessionRow>(
    `SELECT u.id, u.organization_id, u.role::text AS role, u.team_id, u.name, u.email,
            -- Only while the user is a manager: a demoted manager keeps no powers through a stale teams.manager_id.
            array(SELECT t.id FROM teams t WHERE t.manager_id = u.id AND t.active AND u.role = 'MANAGER' ORDER BY t.id)
              AS managed_team_ids,
            (SELECT o.require_two_factor FROM organizations o WHERE o.id = u.organization_id)
              AND NOT EXISTS (SELECT 1 FROM two_factor tf WHERE tf.user_id = u.id AND tf.confirmed_at IS NOT NULL)
              AS two_factor_setup_required,
            extract(epoch FROM (now() + make_interval(secs => $2) - s.expires_at)) * 1000 AS idle_ms
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > now() AND u.active
        -- Belt and braces: a person without sign-in (decision 0028) never has a session to begin with.
        AND u.email IS NOT NULL AND u.password_hash IS NOT NULL`,
    [id, SESSION_IDLE_MS / 1000],
  )
  const row = rows[0]
  if (row === undefined) return null
  if (Number(row.idle_ms) > REFRESH_AFTER_MS) {
    await pool.query(
      `update sessions
          set expires_at = least(now() + make_interval(secs => $2), created_at + make_interval(secs => $3))
        where id = $1`,
      [id, SESSION_IDLE_MS / 1000, SESSION_ABSOLUTE_MS / 1000],
    )
  }
  return {
    id: row.id,
    organizationId: row.organization_id,
    role: roleFromDb(row.role),
    teamId: row.team_id,
    managedTeamIds: row.managed_team_ids,
    name: row.name,
    email: row.email,
    twoFactorSetupRequired: row.two_factor_setup_required,
  }
}

export async function deleteSession(pool: pg.Pool, token: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)])
}

/** Ends every session of a user (deactivation, password reset). Accepts a transaction client too. */
export async function deleteUserSessions(db: Pick<pg.Pool, 'query'>, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId])
}
