import { createHmac } from 'node:crypto'
import type { Instant } from '@kpi/domain/time-zone'
import type { AppStore } from '../plugins/store.ts'
import { checkHost, postPinned, type WebhookEgress } from './egress.ts'

/**
 * Webhook delivery: every event is a row in webhook_deliveries (written by detect.ts in the same transaction as
 * the status change), sent by `deliverDue` until a 2xx answer or the last attempt.
 *
 * Receivers verify `x-kpi-signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook secret>`
 * and may drop repeats by `x-kpi-event-id` (a retry after a lost answer sends the same event again).
 */

/** Wait after failed attempt n (1-based) before attempt n + 1; after MAX_ATTEMPTS failures the delivery fails. */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1
export const SEND_TIMEOUT_MS = 5_000
/** A claimed delivery is not picked up by another worker for this long (it covers the 5 s send). */
const LEASE_MS = 60_000

/**
 * What an admin sees of a failed send: never the socket error, whose text (refused, reset, timed out) would turn
 * the test button into a port scanner of whatever the server can reach.
 */
export const UNREACHABLE = 'the receiver could not be reached'
export const NOT_PUBLIC = 'the receiver address is not public'

export function signature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`
}

export type DeliveryOutcome = {
  id: string
  status: 'delivered' | 'pending' | 'failed'
  statusCode: number | null
  error: string | null
}

type Claimed = { id: string; event_id: string; payload: unknown; attempts: number; url: string; secret: string }

/**
 * Sends every pending delivery that is due at `now` (at most `limit`), to active webhooks only — except explicit
 * `ids` (the test route), which go out even while the webhook is inactive. Rows are claimed with `FOR UPDATE SKIP
 * LOCKED` and leased (next_attempt_at moved a minute on) in one short statement, so two workers never send the
 * same delivery and no transaction stays open during the HTTP call.
 */
export async function deliverDue(
  store: Pick<AppStore, 'pool'>,
  {
    now,
    egress,
    limit = 20,
    ids,
    backoffMs = BACKOFF_MS,
  }: { now: Instant; egress: WebhookEgress; limit?: number; ids?: string[]; backoffMs?: readonly number[] },
): Promise<DeliveryOutcome[]> {
  const { rows } = await store.pool.query<Claimed>(
    `UPDATE webhook_deliveries d SET next_attempt_at = $1::timestamptz + make_interval(secs => $3 / 1000.0)
       FROM webhooks w
      WHERE w.id = d.webhook_id AND d.id IN (
              SELECT d2.id FROM webhook_deliveries d2 JOIN webhooks w2 ON w2.id = d2.webhook_id
               WHERE d2.status = 'PENDING' AND d2.next_attempt_at <= $1
                 AND (w2.active OR $4::bigint[] IS NOT NULL)
                 AND ($4::bigint[] IS NULL OR d2.id = ANY($4::bigint[]))
               ORDER BY d2.next_attempt_at, d2.id
               LIMIT $2
                 FOR UPDATE OF d2 SKIP LOCKED)
      RETURNING d.id::text, d.event_id, d.payload, d.attempts, w.url, w.secret`,
    [now, limit, LEASE_MS, ids ?? null],
  )
  const outcomes: DeliveryOutcome[] = []
  for (const row of rows) outcomes.push(await attempt(store, row, now, egress, backoffMs))
  return outcomes
}

/** When the next pending delivery to an active webhook is due (a retry's back-off), or null when none is. */
export async function nextDeliveryDue(store: Pick<AppStore, 'pool'>): Promise<Date | null> {
  const { rows } = await store.pool.query<{ due: Date | null }>(
    `SELECT min(d.next_attempt_at) AS due
       FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.status = 'PENDING' AND w.active`,
  )
  return rows[0]?.due ?? null
}

async function attempt(
  store: Pick<AppStore, 'pool'>,
  row: Claimed,
  now: Instant,
  egress: WebhookEgress,
  backoffMs: readonly number[],
): Promise<DeliveryOutcome> {
  const body = JSON.stringify(row.payload)
  let statusCode: number | null = null
  let error: string | null = null
  // Checked again at every send: the name may resolve elsewhere now than when the URL was saved.
  const url = new URL(row.url)
  const host = await checkHost(url, egress)
  if (!host.ok) error = host.reason === 'not-public' ? NOT_PUBLIC : UNREACHABLE
  else {
    try {
      statusCode = await postPinned(url, host.addresses, {
        body,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'kpi-dashboard-webhooks/1',
          'x-kpi-event-id': row.event_id,
          'x-kpi-signature': signature(row.secret, body),
        },
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      })
      if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`
    } catch {
      error = UNREACHABLE
    }
  }
  const attempts = row.attempts + 1
  const status = error === null ? 'delivered' : attempts > backoffMs.length ? 'failed' : 'pending'
  const nextAttemptAt = status === 'pending' ? new Date(Date.parse(now) + backoffMs[attempts - 1]!).toISOString() : now
  await store.pool.query(
    `UPDATE webhook_deliveries
        SET attempts = $2, status = $3::"WebhookDeliveryStatus", next_attempt_at = $4, last_error = $5,
            last_status_code = $6, delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $7::timestamptz END
      WHERE id = $1::bigint`,
    [row.id, attempts, status.toUpperCase(), nextAttemptAt, error?.slice(0, 500) ?? null, statusCode, now],
  )
  return { id: row.id, status, statusCode, error }
}
