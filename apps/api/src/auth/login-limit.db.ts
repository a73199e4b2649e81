import type pg from 'pg'

// Login rate limit, counted in the database (table `login_failures`) so it holds across API replicas and
// restarts. Two independent limits over a sliding window:
// * per account (the email as typed, whether or not it exists — an unknown email is limited like a known one,
//   so the limit does not reveal which accounts exist): stops guessing one user's password;
// * per address: stops one client from spraying passwords over many accounts.
// A successful login clears the account's failures but not the address's (else one valid account would let an
// attacker reset their own address limit). Trade-off, accepted: someone who knows an email can keep that
// account locked by failing on purpose; the window is short and admins can still reset the password.

export type LoginLimits = {
  windowMs: number
  maxFailuresPerAccount: number
  maxFailuresPerAddress: number
}

export const defaultLoginLimits: LoginLimits = {
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 20,
}

/** Lower-cased and trimmed, as emails are stored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

type LimitRow = { account_failures: number; address_failures: number; retry_after_ms: number | null }

/**
 * Null when a login attempt may proceed; otherwise the whole seconds until it may (for Retry-After), i.e. until
 * enough of the oldest failures in the window have aged out to bring the count back under the limit.
 */
export async function loginBlockedForSeconds(
  pool: pg.Pool,
  { email, ip }: { email: string; ip: string },
  limits: LoginLimits = defaultLoginLimits,
): Promise<number | null> {
  // For each limit, the failure that must age out is the (count - max + 1)-th oldest in the window, i.e. the
  // max-th newest: `offset max - 1` in newest-first order.
  const { rows } = await pool.query<LimitRow>(
    `with w as (select now() - make_interval(secs => $3) as since)
     select (select count(*)::int from login_failures, w where email = $1 and created_at > w.since) as account_failures,
            (select count(*)::int from login_failures, w where ip = $2 and created_at > w.since) as address_failures,
            greatest(
              (select extract(epoch from (created_at + make_interval(secs => $3) - now())) * 1000
                 from login_failures, w where email = $1 and created_at > w.since
                order by created_at desc offset $4 - 1 limit 1),
              (select extract(epoch from (created_at + make_interval(secs => $3) - now())) * 1000
                 from login_failures, w where ip = $2 and created_at > w.since
                order by created_at desc offset $5 - 1 limit 1)
            ) as retry_after_ms`,
    [email, ip, limits.windowMs / 1000, limits.maxFailuresPerAccount, limits.maxFailuresPerAddress],
  )
  const row = rows[0]!
  const blocked =
    row.account_failures >= limits.maxFailuresPerAccount || row.address_failures >= limits.maxFailuresPerAddress
  if (!blocked) return null
  return Math.max(1, Math.ceil(Number(row.retry_after_ms ?? limits.windowMs) / 1000))
}

export async function recordLoginFailure(pool: pg.Pool, { email, ip }: { email: string; ip: string }): Promise<void> {
  await pool.query('insert into login_failures (email, ip) values ($1, $2)', [email, ip])
}

/** After a successful login: the account's failures go, and (housekeeping) every row older than a day. */
export async function clearLoginFailures(pool: pg.Pool, email: string): Promise<void> {
  await pool.query(`delete from login_failures where email = $1 or created_at < now() - interval '1 day'`, [email])
}
