/**
 * A digest for a webhook (issue 20, decision 0039): queued as a webhook delivery of type 'kpi.digest' whose payload
 * carries the digest's content; webhooks.ts writes it in the webhook's format (signed JSON, Slack blocks, a Teams
 * card) when it sends, and retries it like every delivery.
 */
import type { Queryable } from '../mail/outbox.ts'
import type { DigestContent } from '../digests/content.ts'

export type DigestDelivery = {
  organizationId: number
  webhookId: number
  /** Stable per digest send (e.g. `digest-<digest_sends.id>`): receivers de-duplicate retries by it. */
  eventId: string
  content: DigestContent
}

/** Adds the delivery inside the caller's transaction; returns the webhook_deliveries id. */
export async function queueDigestDelivery(db: Queryable, delivery: DigestDelivery): Promise<string> {
  void db
  void delivery
  throw new Error('queueDigestDelivery: not written yet (issue 20, part "webhooks")')
}
