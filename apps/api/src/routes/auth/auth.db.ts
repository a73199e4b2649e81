import { hashPassword, verifyPassword } from '@kpi/db/passwords'
import type pg from 'pg'

type LoginRow = {
  id: number
  password_hash: string | null
  active: boolean
  organization_id: number
  organization: string
}

// Checked when the email is unknown, so that answer costs the same scrypt work as a wrong password and the
// response time does not tell which emails have accounts. Made lazily, once per process.
let dummyHash: Promise<string> | undefined

// One email may have accounts in several organisations (emails are unique per organisation, docs/decisions/0012).
// At most this many are checked per attempt, so one attempt's scrypt work stays bounded; beyond them an account is
// reached by naming its organisation.
const MAX_ACCOUNTS_PER_ATTEMPT = 10

export type Credentials = { email: string; password: string; organizationId: number | undefined }

export type CredentialCheck =
  | { kind: 'wrong' }
  | { kind: 'user'; userId: number }
  /** The password opens active accounts in several organisations: the client must choose one. */
  | { kind: 'ambiguous'; organizations: { id: number; name: string }[] }

/**
 * The active account(s) with this (normalised) email and password, in the given organisation if any. Runs one
 * scrypt verification per account with the email (at least one, also when there is none), in parallel on the
 * thread pool, whether an account is deactivated or the password is wrong.
 */
export async function checkCredentials(
  pool: pg.Pool,
  { email, password, organizationId }: Credentials,
): Promise<CredentialCheck> {
  const { rows } = await pool.query<LoginRow>(
    `SELECT u.id, u.password_hash, u.active, u.organization_id, o.name AS organization
       FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.email = $1 AND ($2::int IS NULL OR u.organization_id = $2)
      ORDER BY u.organization_id
      LIMIT $3`,
    [email, organizationId ?? null, MAX_ACCOUNTS_PER_ATTEMPT],
  )
  dummyHash ??= hashPassword('not a password anyone has')
  // A person without a password (imported, not invited yet: decision 0028) costs the same scrypt work and never opens.
  const dummy = await dummyHash
  const hashes = rows.length === 0 ? [dummy] : rows.map((row) => row.password_hash ?? dummy)
  const matches = await Promise.all(hashes.map((hash) => verifyPassword(password, hash)))
  const opened = rows.filter((row, index) => row.active && row.password_hash !== null && matches[index])
  if (opened.length === 0) return { kind: 'wrong' }
  if (opened.length === 1) return { kind: 'user', userId: opened[0]!.id }
  return {
    kind: 'ambiguous',
    organizations: opened.map((row) => ({ id: row.organization_id, name: row.organization })),
  }
}
