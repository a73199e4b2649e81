/**
 * A digest for a webhook (issue 20, decisions 0039 and 0040): queued as a webhook delivery of type 'kpi.digest' whose
 * payload carries the digest's content; webhooks.ts writes it in the webhook's format (signed JSON, Slack blocks, a
 * Teams card) when it sends, and retries it like every delivery.
 */
import { toInstant, type Instant } from '@kpi/domain/time-zone'
import type { Queryable } from '../mail/outbox.ts'
import type { DigestContent } from '../digests/content.ts'

export type DigestDelivery = {
  organizationId: number
  webhookId: number
  /** Stable per digest send (e.g. `digest-<digest_sends.id>`): receivers de-duplicate retries by it. */
  eventId: string
  content: DigestContent
  /** When it is due and said to have happened; the process clock unless the caller runs on another (tests). */
  now?: Instant
}

/** The JSON body of a digest webhook (documented for receivers in alerts/README.md). */
export type DigestEvent = {
  id: string
  type: 'kpi.digest'
  organizationId: number
  scope: string
  period: DigestContent['period']
  occurredAt: Instant
  digest: DigestContent
}

/**
 * Adds the delivery, due now, inside the caller's transaction (so a digest send and its delivery commit together);
 * returns the webhook_deliveries id. The webhook must belong to the organisation. After the commit, the caller may
 * wake the sender (`app.alerts?.deliver()`); otherwise the one-minute sweep sends it.
 */
export async function queueDigestDelivery(db: Queryable, delivery: DigestDelivery): Promise<string> {
  const now = delivery.now ?? toInstant(new Date())
  const payload: DigestEvent = {
    id: delivery.eventId,
    type: 'kpi.digest',
    organizationId: delivery.organizationId,
    scope: delivery.content.scope,
    period: delivery.content.period,
    occurredAt: now,
    digest: delivery.content,
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (webhook_id, event_id, payload, next_attempt_at, created_at)
     SELECT id, $3, $4::jsonb, $5, $5 FROM webhooks WHERE id = $1 AND organization_id = $2
     RETURNING id::text`,
    [delivery.webhookId, delivery.organizationId, delivery.eventId, JSON.stringify(payload), now],
  )
  const id = rows[0]?.id
  if (id === undefined)
    throw new Error(`webhook ${delivery.webhookId} is not one of organisation ${delivery.organizationId}`)
  return id
}
