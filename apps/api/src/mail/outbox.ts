import type pg from 'pg'

/**
 * The mail outbox (table mail_messages): a message is a row written in the same transaction as what causes it
 * (an invitation, a reset request), so it is sent exactly when that commits, and survives a restart in between.
 * `sendDue` sends what is due with retries; the bodies are erased once a message is sent or given up, because
 * they carry single-use links that nobody reading the table later should be able to use.
 */

/** Wait after failed attempt n (1-based) before attempt n + 1; after MAX_ATTEMPTS failures the message fails. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000] as const
/** A claimed message is not picked up by another worker for this long (it covers one SMTP conversation). */
const LEASE_MS = 120_000
const ERROR_CHARS = 500

export type OutgoingMail = {
  organizationId: number
  /** What it is for, e.g. 'invitation' or 'password_reset': how the admin's list names it. */
  kind: string
  to: string
  subject: string
  text: string
  html: string
}

/** A pool or a client inside the caller's transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

/** Adds a message to the outbox; returns its id. Call inside the transaction of what causes it. */
export async function queueMail(db: Queryable, mail: OutgoingMail): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO mail_messages (organization_id, kind, to_address, subject, text_body, html_body)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
    [mail.organizationId, mail.kind, mail.to, mail.subject, mail.text, mail.html],
  )
  return rows[0]!.id
}

export type MailEnvelope = { to: string; subject: string; text: string; html: string }
/** Hands one message to the mail server; throws what the server (or the connection) said. */
export type SendMail = (mail: MailEnvelope) => Promise<void>

export type SendOutcome = { id: string; status: 'sent' | 'queued' | 'failed'; error: string | null }

type Claimed = {
  id: string
  to_address: string
  subject: string
  text_body: string
  html_body: string
  attempts: number
}

/**
 * Sends every queued message due at `now` (at most `limit`). Rows are claimed with `FOR UPDATE SKIP LOCKED` and
 * leased in one short statement, so two workers (replicas) never send the same message and no transaction stays
 * open during the SMTP conversation.
 */
export async function sendDue(
  pool: pg.Pool,
  send: SendMail,
  {
    now = new Date(),
    limit = 20,
    backoffMs = BACKOFF_MS,
  }: { now?: Date; limit?: number; backoffMs?: readonly number[] },
): Promise<SendOutcome[]> {
  const { rows } = await pool.query<Claimed>(
    `UPDATE mail_messages SET next_attempt_at = $1::timestamptz + make_interval(secs => $3 / 1000.0)
      WHERE id IN (SELECT id FROM mail_messages
                    WHERE status = 'QUEUED' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at, id
                    LIMIT $2
                      FOR UPDATE SKIP LOCKED)
      RETURNING id::text, to_address, subject, text_body, html_body, attempts`,
    [now, limit, LEASE_MS],
  )
  const outcomes: SendOutcome[] = []
  for (const row of rows) outcomes.push(await attempt(pool, send, row, now, backoffMs))
  return outcomes
}

async function attempt(
  pool: pg.Pool,
  send: SendMail,
  row: Claimed,
  now: Date,
  backoffMs: readonly number[],
): Promise<SendOutcome> {
  let error: string | null = null
  try {
    await send({ to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body })
  } catch (caught) {
    error = describeFailure(caught)
  }
  const attempts = row.attempts + 1
  const status = error === null ? 'sent' : attempts > backoffMs.length ? 'failed' : 'queued'
  const next = status === 'queued' ? new Date(now.getTime() + backoffMs[attempts - 1]!) : now
  await pool.query(
    `UPDATE mail_messages
        SET attempts = $2, status = $3::"MailStatus", next_attempt_at = $4, last_error = $5,
            sent_at = CASE WHEN $3 = 'SENT' THEN $6::timestamptz END,
            text_body = CASE WHEN $3 = 'QUEUED' THEN text_body END,
            html_body = CASE WHEN $3 = 'QUEUED' THEN html_body END
      WHERE id = $1::bigint`,
    [row.id, attempts, status.toUpperCase(), next, error, now],
  )
  return { id: row.id, status, error }
}

/**
 * What the admin sees of a failure: the mail server's answer ("550 5.1.1 mailbox unavailable") or the connection
 * error ("connect ECONNREFUSED …") — their own SMTP set-up's problem, which they need to see to fix it.
 */
function describeFailure(caught: unknown): string {
  if (!(caught instanceof Error)) return String(caught).slice(0, ERROR_CHARS)
  const response = 'response' in caught && typeof caught.response === 'string' ? caught.response : null
  return (response ?? caught.message).slice(0, ERROR_CHARS)
}

/** When the next queued message is due (a retry's back-off), or null when none is. */
export async function nextMailDue(pool: pg.Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ due: Date | null }>(
    `SELECT min(next_attempt_at) AS due FROM mail_messages WHERE status = 'QUEUED'`,
  )
  return rows[0]?.due ?? null
}
