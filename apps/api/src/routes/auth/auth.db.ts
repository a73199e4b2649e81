import { hashPassword, verifyPassword } from '@kpi/db/passwords'
import type pg from 'pg'

type LoginRow = { id: number; password_hash: string; active: boolean }

// Checked when the email is unknown, so that answer costs the same scrypt work as a wrong password and the
// response time does not tell which emails have accounts. Made lazily, once per process.
let dummyHash: Promise<string> | undefined

/**
 * The id of the active user with this (normalised) email and password, or null. Always runs exactly one scrypt
 * verification, whether the account exists, is deactivated, or the password is wrong.
 */
export async function checkCredentials(pool: pg.Pool, email: string, password: string): Promise<number | null> {
  const { rows } = await pool.query<LoginRow>(
    // Emails are stored normalised (users.routes lower-cases them), so the unique index answers this.
    'select id, password_hash, active from users where email = $1',
    [email],
  )
  const row = rows[0]
  dummyHash ??= hashPassword('not a password anyone has')
  const matches = await verifyPassword(password, row?.password_hash ?? (await dummyHash))
  return row !== undefined && row.active && matches ? row.id : null
}
