import type pg from 'pg'
import type { OidcChecks } from './oidc-client.ts'
import { hashToken } from './session.db.ts'

// Single sign-ons under way (table `oidc_logins`, docs/decisions/0023): kept in the database rather than in a
// signed cookie because the API has no signing secret to manage, every replica sees the same rows, and taking a
// row is atomic, so a state works exactly once even when two callbacks race. The row is keyed by the state's
// sha256 like sessions: a leaked table holds nothing a callback would accept.

/** A sign-in started longer ago than this is over. */
export const OIDC_LOGIN_TTL_SECONDS = 10 * 60

export async function saveOidcLogin(pool: pg.Pool, checks: OidcChecks, returnTo: string): Promise<void> {
  await pool.query(
    `WITH stale AS (DELETE FROM oidc_logins WHERE id IN (
       SELECT id FROM oidc_logins WHERE created_at < now() - make_interval(secs => $5) LIMIT 100))
     INSERT INTO oidc_logins (id, nonce, code_verifier, return_to) VALUES ($1, $2, $3, $4)`,
    [hashToken(checks.state), checks.nonce, checks.codeVerifier, returnTo, OIDC_LOGIN_TTL_SECONDS],
  )
}

/** The checks and return path of the sign-in with this state, removed so they cannot be used again; or null. */
export async function takeOidcLogin(
  pool: pg.Pool,
  state: string,
): Promise<{ checks: OidcChecks; returnTo: string } | null> {
  const { rows } = await pool.query<{ nonce: string; code_verifier: string; return_to: string; fresh: boolean }>(
    `DELETE FROM oidc_logins WHERE id = $1
     RETURNING nonce, code_verifier, return_to, created_at > now() - make_interval(secs => $2) AS fresh`,
    [hashToken(state), OIDC_LOGIN_TTL_SECONDS],
  )
  const row = rows[0]
  if (row === undefined || !row.fresh) return null
  return { checks: { state, nonce: row.nonce, codeVerifier: row.code_verifier }, returnTo: row.return_to }
}
