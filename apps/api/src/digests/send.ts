import { inTransaction } from '@kpi/db/transaction'
import type { PeriodType } from '@kpi/domain/periods'
import { parseScope } from '@kpi/domain/scope'
import type { Status } from '@kpi/domain/status'
import { toInstant } from '@kpi/domain/time-zone'
import type pg from 'pg'
import { queueDigestDelivery } from '../alerts/webhook-digest.ts'
import { canViewScope, resolveScopeContext } from '../auth/access.ts'
import type { Mail } from '../mail/mail.plugin.ts'
import { buildDigest, type DigestRequest } from './content.ts'
import { renderDigestMail } from './render.ts'
import { loadRecipients } from './subscriptions.db.ts'

/**
 * Sending a digest_sends row (decision 0039). A row is claimed with FOR UPDATE SKIP LOCKED and leased (as the mail
 * outbox does), so two replicas never build the same digest at once; the hand-over — the e-mail into the outbox,
 * or the webhook delivery — and marking the row SENT are ONE transaction that first re-checks the row is still
 * PENDING, so a digest is handed over at most once even when a lease runs out mid-way. From there the outbox
 * (SMTP) and the webhook worker retry with their own back-off. What fails here (the database while building) is
 * retried with BACKOFF_MS and, after the last attempt, left FAILED with the error for the admin.
 */

/** Waits after failed attempt n before attempt n + 1; after the last one the digest is FAILED. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000] as const
/** A claimed row is not picked up by another worker for this long (it covers building one digest). */
const LEASE_MS = 5 * 60_000
const ERROR_CHARS = 500
export const NO_SMTP = 'e-mail is not configured (SMTP_URL)'

export type SendDeps = {
  pool: pg.Pool
  mail: Pick<Mail, 'enabled' | 'queue' | 'wake'>
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string
  /** Asks the webhook worker to deliver now (null when it does not run here). */
  wakeWebhooks: () => void
  backoffMs?: readonly number[]
}

export type SendOutcome = { id: string; status: 'sent' | 'skipped' | 'failed' | 'pending'; error: string | null }

type Claimed = {
  id: string
  organization_id: number
  user_id: number | null
  webhook_id: number | null
  manual: boolean
  scope_key: string
  period_type: string
  attempts: number
}

/** Sends the PENDING rows due at `now` — all of them, or only `ids` (what a request just created). */
export async function sendDigests(
  deps: SendDeps,
  { now, ids = null, limit = 20 }: { now: Date; ids?: string[] | null; limit?: number },
): Promise<SendOutcome[]> {
  const { rows } = await deps.pool.query<Claimed>(
    `UPDATE digest_sends SET next_attempt_at = $1::timestamptz + make_interval(secs => $3 / 1000.0)
      WHERE id IN (SELECT id FROM digest_sends
                    WHERE status = 'PENDING' AND next_attempt_at <= $1 AND ($4::bigint[] IS NULL OR id = ANY($4))
                    ORDER BY next_attempt_at, id
                    LIMIT $2
                      FOR UPDATE SKIP LOCKED)
      RETURNING id::text, organization_id, user_id, webhook_id, manual, scope_key, period_type::text, attempts`,
    [now, ids === null ? limit : ids.length, LEASE_MS, ids],
  )
  const outcomes: SendOutcome[] = []
  for (const row of rows) outcomes.push(await sendOne(deps, row, now))
  return outcomes
}

/** What stopped a digest before any content was built, or null. */
type Refusal = { status: 'skipped' | 'failed'; reason: string }

async function sendOne(deps: SendDeps, row: Claimed, now: Date): Promise<SendOutcome> {
  try {
    const outcome = await build(deps, row, now)
    if ('reason' in outcome) return await finish(deps.pool, row.id, outcome.status, outcome.reason)
    return outcome
  } catch (caught) {
    const error = (caught instanceof Error ? caught.message : String(caught)).slice(0, ERROR_CHARS)
    const backoffMs = deps.backoffMs ?? BACKOFF_MS
    const attempts = row.attempts + 1
    const failed = attempts > backoffMs.length
    await deps.pool.query(
      `UPDATE digest_sends SET attempts = $2, status = $3::"DigestSendStatus", next_attempt_at = $4, last_error = $5
        WHERE id = $1::bigint AND status = 'PENDING'`,
      [
        row.id,
        attempts,
        failed ? 'FAILED' : 'PENDING',
        failed ? now : new Date(now.getTime() + backoffMs[attempts - 1]!),
        error,
      ],
    )
    return { id: row.id, status: failed ? 'failed' : 'pending', error }
  }
}

async function finish(pool: pg.Pool, id: string, status: 'skipped' | 'failed', reason: string): Promise<SendOutcome> {
  await pool.query(
    `UPDATE digest_sends SET status = $2::"DigestSendStatus", last_error = $3, attempts = attempts + 1
      WHERE id = $1::bigint AND status = 'PENDING'`,
    [id, status.toUpperCase(), reason],
  )
  return { id, status, error: reason }
}

async function build(deps: SendDeps, row: Claimed, now: Date): Promise<SendOutcome | Refusal> {
  const scope = parseScope(row.scope_key)
  if (scope === null) return { status: 'failed', reason: `not a scope: ${row.scope_key}` }
  const base = {
    organizationId: row.organization_id,
    scope,
    periodType: row.period_type.toLowerCase() as PeriodType,
    now: toInstant(now),
    previousStatuses: await previousStatuses(deps.pool, row),
    publicUrl: deps.publicUrl,
  }

  if (row.user_id !== null) {
    const [recipient] = await loadRecipients(deps.pool, row.organization_id, row.user_id)
    if (!recipient) return { status: 'skipped', reason: 'the person was deactivated or has no e-mail address' }
    if (!deps.mail.enabled) return { status: 'failed', reason: NO_SMTP }
    const { user } = recipient
    // The choice was allowed when made; the person may have lost the team since.
    if (canViewScope(user, scope, await resolveScopeContext(deps.pool, user, scope)) !== 'allowed')
      return { status: 'skipped', reason: `${user.name} may no longer see ${row.scope_key}` }
    const request: DigestRequest = {
      ...base,
      locale: user.locale,
      recipient: { id: user.id, name: user.name, role: user.role },
      frequency: row.manual ? 'manual' : recipient.choice.frequency === 'daily' ? 'daily' : 'weekly',
    }
    const content = await buildDigest(deps.pool, request)
    if (content.empty && !row.manual && !recipient.choice.sendWhenEmpty)
      return { status: 'skipped', reason: 'nothing to say: no targets and no figures for this scope and period' }
    const handedOver = await inTransaction(deps.pool, async (tx) => {
      if (!(await stillPending(tx, row.id))) return false
      const mail = renderDigestMail(content)
      const mailId = await deps.mail.queue(tx, { organizationId: row.organization_id, kind: 'digest', to: user.email, ...mail })
      await markSent(tx, row.id, { mailId, deliveryId: null, statuses: content.statuses, now })
      return true
    })
    if (handedOver) deps.mail.wake()
    return { id: row.id, status: 'sent', error: null }
  }

  const webhook = await loadWebhook(deps.pool, row.webhook_id!)
  if (!webhook) return { status: 'skipped', reason: 'the webhook was turned off' }
  const content = await buildDigest(deps.pool, {
    ...base,
    locale: webhook.locale === 'nl' ? 'nl' : 'en',
    recipient: null,
    frequency: row.manual ? 'manual' : webhook.frequency === 'daily' ? 'daily' : 'weekly',
  })
  if (content.empty && !row.manual)
    return { status: 'skipped', reason: 'nothing to say: no targets and no figures for this scope and period' }
  const handedOver = await inTransaction(deps.pool, async (tx) => {
    if (!(await stillPending(tx, row.id))) return false
    const deliveryId = await queueDigestDelivery(tx, {
      organizationId: row.organization_id,
      webhookId: webhook.id,
      eventId: `digest-${row.id}`,
      content,
    })
    await markSent(tx, row.id, { mailId: null, deliveryId, statuses: content.statuses, now })
    return true
  })
  if (handedOver) deps.wakeWebhooks()
  return { id: row.id, status: 'sent', error: null }
}

/** Locks the row for the hand-over; false when another worker (whose lease ran out on us) already finished it. */
async function stillPending(tx: pg.PoolClient, id: string): Promise<boolean> {
  const { rows } = await tx.query(`SELECT 1 FROM digest_sends WHERE id = $1::bigint AND status = 'PENDING' FOR UPDATE`, [
    id,
  ])
  return rows.length > 0
}

async function markSent(
  tx: pg.PoolClient,
  id: string,
  sent: { mailId: string | null; deliveryId: string | null; statuses: Record<string, Status>; now: Date },
): Promise<void> {
  await tx.query(
    `UPDATE digest_sends
        SET status = 'SENT', mail_message_id = $2::bigint, webhook_delivery_id = $3::bigint, statuses = $4::jsonb,
            sent_at = $5, attempts = attempts + 1, last_error = NULL
      WHERE id = $1::bigint`,
    [id, sent.mailId, sent.deliveryId, JSON.stringify(sent.statuses), sent.now],
  )
}

/** What the recipient's last sent digest showed: the next one says which KPIs changed zone since. */
async function previousStatuses(db: Pick<pg.Pool, 'query'>, row: Claimed): Promise<Record<string, Status>> {
  const { rows } = await db.query<{ statuses: Record<string, Status> }>(
    `SELECT statuses FROM digest_sends
      WHERE status = 'SENT' AND ${row.user_id !== null ? 'user_id' : 'webhook_id'} = $1 AND scope_key = $2
      ORDER BY sent_at DESC, id DESC LIMIT 1`,
    [row.user_id ?? row.webhook_id, row.scope_key],
  )
  return rows[0]?.statuses ?? {}
}

async function loadWebhook(db: Pick<pg.Pool, 'query'>, id: number) {
  const { rows } = await db.query<{ id: number; locale: string; frequency: string }>(
    'SELECT id, locale, digest_frequency AS frequency FROM webhooks WHERE id = $1 AND active',
    [id],
  )
  return rows[0] ?? null
}

/** When the next PENDING digest is due (a retry's back-off), or null. */
export async function nextDigestDue(pool: pg.Pool): Promise<Date | null> {
  const { rows } = await pool.query<{ due: Date | null }>(
    `SELECT min(next_attempt_at) AS due FROM digest_sends WHERE status = 'PENDING'`,
  )
  return rows[0]?.due ?? null
}
