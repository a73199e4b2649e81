import type pg from 'pg'

// Login rate limits, counted in the database (tables `login_failures`, `login_successes`) so they hold across API
// replicas and restarts. Three independent limits:
// * per account (the email as typed, whether or not it exists — an unknown email is limited like a known one,
//   so the limit does not reveal which accounts exist): exponential back-off. The first few failures in a row are
//   free; after that each failure doubles the wait before the next attempt, up to a cap. Someone who mistypes
//   waits seconds, a guesser soon waits the cap per guess, and an attacker who fails on purpose keeps the real
//   user out only for as long as the current wait (a hard lock kept them out for its whole window);
// * per address, over a sliding window: stops one client from spraying passwords over many accounts. Behind a
//   reverse proxy this needs TRUST_PROXY, or every client has the proxy's address;
// * successful sign-ins per account over a sliding window: each costs a password check (scrypt) and a session, so
//   a script holding valid credentials must not get unlimited ones. Generous for people (30 in 15 minutes).
// A successful login clears the account's failures but not the address's (else one valid account would let an
// attacker reset their own address limit).

export type LoginLimits = {
  /** Failures in a row an account may have before attempts must wait. */
  freeFailuresPerAccount: number
  /** The wait after the first failure beyond the free ones; it doubles with each further failure … */
  firstWaitMs: number
  /** … up to this. */
  maxWaitMs: number
  /** Failures older than this are forgotten, success or not. */
  failureMemoryMs: number
  /** The window of the per-address failure limit and of the per-account sign-in limit. */
  windowMs: number
  maxFailuresPerAddress: number
  maxSuccessesPerAccount: number
}

export const defaultLoginLimits: LoginLimits = {
  freeFailuresPerAccount: 5,
  firstWaitMs: 1000,
  maxWaitMs: 15 * 60 * 1000,
  failureMemoryMs: 24 * 60 * 60 * 1000,
  windowMs: 15 * 60 * 1000,
  maxFailuresPerAddress: 20,
  maxSuccessesPerAccount: 30,
}

/** Lower-cased and trimmed, as emails are stored. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * The wait after `failures` failures in a row: none while they are free, then firstWaitMs × 2^(failures − free),
 * at most maxWaitMs. With the defaults: 5 → 1 s, 6 → 2 s, 7 → 4 s … 15 → 900 s (the cap) and beyond.
 */
export function backoffMs(failures: number, limits: LoginLimits = defaultLoginLimits): number {
  if (failures < limits.freeFailuresPerAccount) return 0
  const doublings = Math.min(failures - limits.freeFailuresPerAccount, 40) // 2^40 s is past any cap
  return Math.min(limits.maxWaitMs, limits.firstWaitMs * 2 ** doublings)
}

export type LoginBlock = { reason: 'account' | 'address' | 'sign-ins'; retryAfterSeconds: number }

type LimitRow = {
  account_failures: number
  since_last_failure_ms: number | null
  address_failures: number
  address_retry_ms: number | null
  successes: number
  success_retry_ms: number | null
}

/** Null when a login attempt may proceed; otherwise why not and the whole seconds until it may (Retry-After). */
export async function loginBlock(
  pool: pg.Pool,
  { email, ip }: { email: string; ip: string },
  limits: LoginLimits = defaultLoginLimits,
): Promise<LoginBlock | null> {
  // For the windowed limits, the row that must age out is the (count - max + 1)-th oldest in the window, i.e. the
  // max-th newest: `offset max - 1` in newest-first order.
  const { rows } = await pool.query<LimitRow>(
    `SELECT (SELECT count(*)::int FROM login_failures
              WHERE email = $1 AND created_at > now() - make_interval(secs => $3)) AS account_failures,
            (SELECT extract(epoch FROM now() - max(created_at)) * 1000 FROM login_failures
              WHERE email = $1 AND created_at > now() - make_interval(secs => $3)) AS since_last_failure_ms,
            (SELECT count(*)::int FROM login_failures
              WHERE ip = $2 AND created_at > now() - make_interval(secs => $4)) AS address_failures,
            (SELECT extract(epoch FROM (created_at + make_interval(secs => $4) - now())) * 1000 FROM login_failures
              WHERE ip = $2 AND created_at > now() - make_interval(secs => $4)
              ORDER BY created_at DESC OFFSET $5 - 1 LIMIT 1) AS address_retry_ms,
            (SELECT count(*)::int FROM login_successes
              WHERE email = $1 AND created_at > now() - make_interval(secs => $4)) AS successes,
            (SELECT extract(epoch FROM (created_at + make_interval(secs => $4) - now())) * 1000 FROM login_successes
              WHERE email = $1 AND created_at > now() - make_interval(secs => $4)
              ORDER BY created_at DESC OFFSET $6 - 1 LIMIT 1) AS success_retry_ms`,
    [
      email,
      ip,
      limits.failureMemoryMs / 1000,
      limits.windowMs / 1000,
      limits.maxFailuresPerAddress,
      limits.maxSuccessesPerAccount,
    ],
  )
  const row = rows[0]!
  const accountWaitMs = backoffMs(row.account_failures, limits) - Number(row.since_last_failure_ms ?? 0)
  const waits: [LoginBlock['reason'], number][] = [
    ['account', accountWaitMs],
    [
      'address',
      row.address_failures >= limits.maxFailuresPerAddress ? Number(row.address_retry_ms ?? limits.windowMs) : 0,
    ],
    ['sign-ins', row.successes >= limits.maxSuccessesPerAccount ? Number(row.success_retry_ms ?? limits.windowMs) : 0],
  ]
  const [reason, waitMs] = waits.reduce((longest, wait) => (wait[1] > longest[1] ? wait : longest))
  if (waitMs <= 0) return null
  return { reason, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
}

export async function recordLoginFailure(pool: pg.Pool, { email, ip }: { email: string; ip: string }): Promise<void> {
  await pool.query('INSERT INTO login_failures (email, ip) VALUES ($1, $2)', [email, ip])
}

/**
 * After a successful login: counted for the sign-in limit, the account's failures go, and (housekeeping) every row
 * older than a day in both tables.
 */
export async function recordLoginSuccess(pool: pg.Pool, email: string): Promise<void> {
  await pool.query(
    `WITH counted AS (INSERT INTO login_successes (email) VALUES ($1)),
          stale AS (DELETE FROM login_successes WHERE created_at < now() - INTERVAL '1 day')
     DELETE FROM login_failures WHERE email = $1 OR created_at < now() - INTERVAL '1 day'`,
    [email],
  )
}
