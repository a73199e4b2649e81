import { queryOptions } from '@tanstack/react-query'
import type { z } from 'zod'
import { getJson, sendJson } from '../../../lib/http.ts'
import { sendVersioned, type VersionedResult } from '../versioned-http.ts'
import {
  DeliveriesPage,
  TestResult,
  Webhook,
  WebhookCreated,
  type WebhookCreate,
  type WebhookPatch,
} from '@kpi/contract/webhooks'

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export const webhookKeys = { root: ['webhooks'] as const }

export const webhooksQuery = () =>
  queryOptions({
    queryKey: [...webhookKeys.root, 'list'],
    queryFn: ({ signal }) => getJson('/api/webhooks', Webhook.array(), signal),
  })

/** A webhook's deliveries, newest first (first page); `status` narrows them, e.g. to the failed ones. */
export const deliveriesQuery = (id: number, status?: DeliveryStatus) =>
  queryOptions({
    queryKey: [...webhookKeys.root, id, 'deliveries', status ?? 'all'],
    queryFn: ({ signal }) =>
      getJson(`/api/webhooks/${id}/deliveries${status ? `?status=${status}` : ''}`, DeliveriesPage, signal),
  })

/** What the form sends: a create body, whose URL an edit may leave out (the stored one is kept). */
export type WebhookBody = Omit<z.input<typeof WebhookCreate>, 'url'> & { url?: string }
export type WebhookRow = z.output<typeof Webhook>
/** What a save answers: a created webhook carries its signing secret, this once. */
export type SavedWebhook = WebhookRow & { secret?: string }

/** POST without a stored row, else PATCH at its version (a 409 carries theirs). */
export async function saveWebhook(
  body: WebhookBody,
  against: WebhookRow | null,
): Promise<VersionedResult<SavedWebhook, WebhookRow>> {
  if (against === null) {
    // The form refuses Save without a URL; the API would answer 400 body.url all the same.
    const create: z.input<typeof WebhookCreate> = { ...body, url: body.url ?? '' }
    return { kind: 'saved', data: await sendJson('POST', '/api/webhooks', create, WebhookCreated) }
  }
  const patch: z.input<typeof WebhookPatch> = { ...body, version: against.version }
  return sendVersioned('PATCH', `/api/webhooks/${against.id}`, patch, Webhook)
}

export const deleteWebhook = (hook: WebhookRow) =>
  sendJson('DELETE', `/api/webhooks/${hook.id}?version=${hook.version}`)

/** Sends a test event now; the answer is the delivery after its first attempt. */
export const testWebhook = (id: number) => sendJson('POST', `/api/webhooks/${id}/test`, undefined, TestResult)
