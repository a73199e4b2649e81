import type pg from 'pg'
import type { SsoError } from '@kpi/contract/auth'

// Who a single sign-on opens: the ACTIVE account with the e-mail address the provider verified
// (docs/decisions/0023). Accounts are never linked by the provider's subject: the address is what an admin
// typed when adding the person, so it is what both sides agree on.

/**
 * Stored instead of a password hash for people created by single sign-on: not a scrypt hash, so no password
 * ever matches it (verifyPassword answers false for anything it did not make). A reset can set a real one.
 */
export const NO_PASSWORD_HASH = 'sso-only'

export type SsoAccount =
  | { kind: 'user'; userId: number }
  /** Nobody has the address, not even a deactivated account: the only case OIDC_AUTO_CREATE may fill. */
  | { kind: 'none' }
  | { kind: 'refused'; reason: SsoError; why: string }

type AccountRow = { id: number; active: boolean; sign_in: boolean }

export async function findSsoAccount(pool: pg.Pool, email: string): Promise<SsoAccount> {
  const { rows } = await pool.query<AccountRow>(
    'SELECT id, active, password_hash IS NOT NULL AS sign_in FROM users WHERE email = $1 ORDER BY organization_id LIMIT 10',
    [email],
  )
  // A person without sign-in (imported, decision 0028) is opened only after an admin's invitation gave them one.
  const active = rows.filter((row) => row.active && row.sign_in)
  if (active.length === 1) return { kind: 'user', userId: active[0]!.id }
  if (active.length > 1) {
    // The password login asks which one (409); a redirect has no good place to ask, and guessing is worse.
    return { kind: 'refused', reason: 'several_accounts', why: `${active.length} organisations have this address` }
  }
  if (rows.length === 0) return { kind: 'none' }
  const why = rows.some((row) => row.active) ? 'the person has not been invited yet' : 'the account is deactivated'
  return { kind: 'refused', reason: 'no_account', why }
}

/**
 * OIDC_AUTO_CREATE=rep: an active rep without a team in THE organisation, audited as a system change. Refused when
 * there are several organisations (which one would it join?) or none. A deactivated account is never revived.
 */
export async function createSsoRep(
  pool: pg.Pool,
  { email, name }: { email: string; name: string },
): Promise<SsoAccount> {
  const { rows } = await pool.query<{ id: number | null; organizations: number }>(
    `WITH only_org AS (SELECT id FROM organizations WHERE (SELECT count(*) FROM organizations) = 1),
          created AS (
            INSERT INTO users (organization_id, email, name, role, team_id, password_hash, updated_at)
            SELECT id, $1, $2, 'REP', NULL, $3, now() FROM only_org
            ON CONFLICT DO NOTHING
            RETURNING id, organization_id, email, name, role::text AS role, team_id, active),
          audited AS (
            INSERT INTO audit_log (organization_id, actor_id, action, entity, entity_id, before, after)
            SELECT organization_id, NULL, 'user.created', 'user', id::text, NULL,
                   jsonb_build_object('id', id, 'email', email, 'name', name, 'role', 'rep', 'teamId', team_id,
                                      'active', active, 'createdBy', 'single sign-on')
              FROM created)
     SELECT (SELECT id FROM created) AS id, (SELECT count(*)::int FROM organizations) AS organizations`,
    [email, name, NO_PASSWORD_HASH],
  )
  const row = rows[0]!
  if (row.id !== null) return { kind: 'user', userId: row.id }
  const why =
    row.organizations === 1
      ? 'an account with this address appeared meanwhile'
      : `cannot choose an organisation to create the account in (${row.organizations} exist)`
  return { kind: 'refused', reason: 'no_account', why }
}
