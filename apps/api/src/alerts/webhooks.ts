import { createHmac } from 'node:crypto'
import type { WebhookFormat } from '@kpi/contract/webhooks'
import { parseScope } from '@kpi/domain/scope'
import type { Instant } from '@kpi/domain/time-zone'
import { scopeHeading } from '../digests/words.ts'
import type { Locale } from '../kpi/kpi-card.ts'
import type { AppStore } from '../plugins/store.ts'
import { checkHost, postPinned, type WebhookEgress } from './egress.ts'
import { webhookBody, type BodyContext } from './webhook-formats.ts'

/**
 * Webhook delivery: every event is a row in webhook_deliveries (written by detect.ts in the same transaction as
 * the status change), sent by `deliverDue` until a 2xx answer or the last attempt.
 *
 * Receivers verify `x-kpi-signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook secret>`
 * and may drop repeats by `x-kpi-event-id` (a retry after a lost answer sends the same event again). The body is
 * written in the webhook's format at send time (webhook-formats.ts): Slack and Teams ignore the headers, which
 * are sent all the same.
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
/** The stored event could not be written in the webhook's format (retried: a fixed server may manage later). */
export const UNWRITABLE = 'the message could not be written in the webhook format'

export function signature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`
}

export type DeliveryOutcome = {
  id: string
  status: 'delivered' | 'pending' | 'failed'
  statusCode: number | null
  error: string | null
}

type Claimed = {
  id: string
  event_id: string
  payload: unknown
  attempts: number
  url: string
  secret: string
  organization_id: number
  format: WebhookFormat
  locale: string
  scope_key: string | null
}

/** Where and how deliveries go: the egress rules, and PUBLIC_URL for the links in Slack and Teams messages. */
export type Sending = { egress: WebhookEgress; publicUrl: string }

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
    publicUrl,
    limit = 20,
    ids,
    backoffMs = BACKOFF_MS,
  }: Sending & { now: Instant; limit?: number; ids?: string[]; backoffMs?: readonly number[] },
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
      RETURNING d.id::text, d.event_id, d.payload, d.attempts, w.url, w.secret, w.organization_id, w.format,
                w.locale, w.scope_key`,
    [now, limit, LEASE_MS, ids ?? null],
  )
  const outcomes: DeliveryOutcome[] = []
  for (const row of rows) outcomes.push(await attempt(store, row, now, { egress, publicUrl }, backoffMs))
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
  { egress, publicUrl }: Sending,
  backoffMs: readonly number[],
): Promise<DeliveryOutcome> {
  const body = await writeBody(store, row, publicUrl).catch(() => null)
  const { statusCode, error } = body === null ? { statusCode: null, error: UNWRITABLE } : await post(row, body, egress)
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

async function post(row: Claimed, body: string, egress: WebhookEgress) {
  // Checked again at every send: the name may resolve elsewhere now than when the URL was saved.
  const url = new URL(row.url)
  const host = await checkHost(url, egress)
  if (!host.ok) return { statusCode: null, error: host.reason === 'not-public' ? NOT_PUBLIC : UNREACHABLE }
  try {
    const statusCode = await postPinned(url, host.addresses, {
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'kpi-dashboard-webhooks/1',
        'x-kpi-event-id': row.event_id,
        'x-kpi-signature': signature(row.secret, body),
      },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    })
    return { statusCode, error: statusCode < 200 || statusCode >= 300 ? `HTTP ${statusCode}` : null }
  } catch {
    return { statusCode: null, error: UNREACHABLE }
  }
}

/** The body in the webhook's format; json needs nothing else, Slack and Teams the names behind the keys. */
async function writeBody(store: Pick<AppStore, 'pool'>, row: Claimed, publicUrl: string): Promise<string> {
  if (row.format === 'json') return JSON.stringify(row.payload)
  const payloadScope = (row.payload as { scope?: unknown }).scope
  const scopeKeys = [payloadScope, row.scope_key].filter((k): k is string => typeof k === 'string')
  const locale = row.locale === 'nl' ? 'nl' : 'en'
  const context: BodyContext = {
    format: row.format,
    locale,
    publicUrl,
    ...(await namesOf(store, row.organization_id, scopeKeys, locale)),
    webhookScope: row.scope_key,
  }
  return webhookBody(row.payload, context)
}

/** The organisation's name and currency, and the current name of each scope ('org': the organisation's name). */
async function namesOf(store: Pick<AppStore, 'pool'>, organizationId: number, scopeKeys: string[], locale: Locale) {
  const idsOf = (type: string) =>
    scopeKeys.flatMap((key) => {
      const scope = parseScope(key)
      return scope && scope.type !== 'org' && scope.type === type ? [scope.id] : []
    })
  const [organization, scopes] = await Promise.all([
    store.pool.query<{ name: string; currency: string }>('SELECT name, currency FROM organizations WHERE id = $1', [
      organizationId,
    ]),
    store.pool.query<{ key: string; name: string }>(
      `SELECT 'region:' || id AS key, name FROM regions WHERE organization_id = $1 AND id = ANY($2::int[])
       UNION ALL SELECT 'team:' || id, name FROM teams WHERE organization_id = $1 AND id = ANY($3::int[])
       UNION ALL SELECT 'rep:' || id, name FROM users WHERE organization_id = $1 AND id = ANY($4::int[])`,
      [organizationId, idsOf('region'), idsOf('team'), idsOf('rep')],
    ),
  ])
  const organizationName = organization.rows[0]?.name ?? ''
  // As the dashboard heads them ("Team North", "Region South", a person's name); the organisation by its name.
  const heading = (key: string, name: string) => scopeHeading(parseScope(key)!, name, locale)
  const scopeNames = new Map([
    ['org', organizationName],
    ...scopes.rows.map((r) => [r.key, heading(r.key, r.name)] as const),
  ])
  return { organizationName, currency: organization.rows[0]?.currency.trim() ?? 'EUR', scopeNames }
}
