import { inTransaction } from '@kpi/db/transaction'
import type pg from 'pg'
import { HttpError } from '../http-errors.ts'
import { acceptedTimeStep, asTotpCode, hashRecoveryCode, newRecoveryCodes, newTotpSecret } from './two-factor.ts'

// Storage of two-factor codes (tables `two_factor`, `recovery_codes`; docs/decisions/0022). The secret stays in the
// database as the authenticator app has it (no key management to encrypt it with) and is never answered after
// confirmation.

export type TwoFactorState = { enabled: boolean; required: boolean }

export async function twoFactorState(pool: pg.Pool, userId: number): Promise<TwoFactorState> {
  const { rows } = await pool.query<TwoFactorState>(
    `SELECT EXISTS (SELECT 1 FROM two_factor tf WHERE tf.user_id = u.id AND tf.confirmed_at IS NOT NULL) AS enabled,
            o.require_two_factor AS required
       FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.id = $1`,
    [userId],
  )
  return rows[0] ?? { enabled: false, required: false }
}

/**
 * Starts (or restarts) an enrolment with a fresh pending secret; answers it with the organisation's name (for the
 * issuer the app shows). 409 when two-factor codes are already on.
 */
export async function startEnrolment(pool: pg.Pool, userId: number): Promise<{ secret: string; organization: string }> {
  const secret = newTotpSecret()
  const { rows } = await pool.query<{ organization: string }>(
    `INSERT INTO two_factor (user_id, pending_secret, pending_since) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET pending_secret = $2, pending_since = now()
      WHERE two_factor.confirmed_at IS NULL
     RETURNING (SELECT o.name FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1)
       AS organization`,
    [userId, secret],
  )
  const row = rows[0]
  if (row === undefined) throw new HttpError('conflict', 'two-factor codes are already on; turn them off first')
  return { secret, organization: row.organization }
}

/**
 * Confirms the pending enrolment with a code from the app: the secret becomes the person's, ten new recovery codes
 * replace any old ones, and every other session of theirs ends (they were opened with the password alone).
 * Returns the recovery codes, in clear this once.
 */
export async function confirmEnrolment(
  pool: pg.Pool,
  { userId, code, keepSessionId }: { userId: number; code: string; keepSessionId: string },
): Promise<string[]> {
  const digits = asTotpCode(code)
  if (digits === null) throw new HttpError('validation_failed', 'type the 6 digits the app shows', 'body.code')
  const { rows } = await pool.query<{ pending_secret: string | null; confirmed: boolean }>(
    `SELECT pending_secret, confirmed_at IS NOT NULL AS confirmed FROM two_factor WHERE user_id = $1`,
    [userId],
  )
  const row = rows[0]
  if (row?.confirmed) throw new HttpError('conflict', 'two-factor codes are already on')
  if (!row?.pending_secret) throw new HttpError('conflict', 'no enrolment to confirm: start one with POST /api/me/totp')
  const step = await acceptedTimeStep(row.pending_secret, digits, null)
  if (step === null) {
    throw new HttpError('validation_failed', 'the code is wrong: type the 6 digits the app shows now', 'body.code')
  }
  const codes = newRecoveryCodes()
  return inTransaction(pool, async (client) => {
    // The pending secret in the WHERE: a restarted enrolment meanwhile (another tab) makes this code not count.
    const confirmed = await client.query(
      `UPDATE two_factor
          SET secret = pending_secret, confirmed_at = now(), pending_secret = NULL, pending_since = NULL,
              last_time_step = $3
        WHERE user_id = $1 AND pending_secret = $2 AND confirmed_at IS NULL`,
      [userId, row.pending_secret, step],
    )
    if (confirmed.rowCount === 0) throw new HttpError('conflict', 'the enrolment changed meanwhile; start again')
    await client.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId])
    await client.query(`INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [
      userId,
      codes.map(hashRecoveryCode),
    ])
    await client.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [userId, keepSessionId])
    return codes
  })
}

/**
 * True when `code` is the person's current TOTP code (± one step, not used before) or one of their unused
 * recovery codes — and marks it used, in one statement each, so two requests racing with the same code cannot
 * both pass. False for anything else, also when two-factor codes are off.
 */
export async function useSecondFactor(pool: pg.Pool, userId: number, code: string): Promise<boolean> {
  const digits = asTotpCode(code)
  if (digits === null) {
    const { rowCount } = await pool.query(
      `UPDATE recovery_codes SET used_at = now()
        WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL
          AND EXISTS (SELECT 1 FROM two_factor WHERE user_id = $1 AND confirmed_at IS NOT NULL)`,
      [userId, hashRecoveryCode(code)],
    )
    return rowCount === 1
  }
  const { rows } = await pool.query<{ secret: string; last_time_step: string | null }>(
    `SELECT secret, last_time_step FROM two_factor WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
    [userId],
  )
  const row = rows[0]
  if (row === undefined) return false
  const last = row.last_time_step === null ? null : Number(row.last_time_step)
  const step = await acceptedTimeStep(row.secret, digits, last)
  if (step === null) return false
  const { rowCount } = await pool.query(
    `UPDATE two_factor SET last_time_step = $2
      WHERE user_id = $1 AND (last_time_step IS NULL OR last_time_step < $2)`,
    [userId, step],
  )
  return rowCount === 1
}

/** Turns two-factor codes off: the secret, any pending enrolment and the recovery codes go. */
export async function removeTwoFactor(db: Pick<pg.Pool, 'query'>, userId: number): Promise<void> {
  await db.query(
    `WITH codes AS (DELETE FROM recovery_codes WHERE user_id = $1)
     DELETE FROM two_factor WHERE user_id = $1`,
    [userId],
  )
}
