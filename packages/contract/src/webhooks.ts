import { z } from 'zod'
import { DigestFrequency, DigestScope, Hour, Weekday } from './digests.ts'
import { IdParam, Version, VersionParam } from './id.ts'

// WHATWG URL exists in Node and every browser but in neither ES lib; typed here, so the contract needs no DOM or
// Node types (which would let browser- or server-only code in).
type ParsedUrl = { protocol: string; username: string; password: string }
const parseUrl = (text: string) => new (globalThis as unknown as { URL: new (text: string) => ParsedUrl }).URL(text)

/**
 * A webhook URL: http or https only (no file:, javascript:, …), and no user:password@ — credentials in a URL end
 * up in logs and in the audit trail; a receiver should authenticate us by the signature instead.
 */
export const WebhookUrl = z
  .string()
  .max(2000)
  .refine((text) => {
    try {
      const url = parseUrl(text)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'must be an http:// or https:// URL')
  .refine((text) => {
    try {
      const url = parseUrl(text)
      return url.username === '' && url.password === ''
    } catch {
      return true
    }
  }, 'must not contain credentials (user:password@)')

/** How a webhook's body is written (decision 0039): our signed JSON, Slack blocks, a Microsoft Teams card. */
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams'] as const
export const WebhookFormat = z.enum(WEBHOOK_FORMATS)
export type WebhookFormat = z.infer<typeof WebhookFormat>

/** A webhook may receive its scope's digest on a schedule (frequency off: zone changes only). */
export const WebhookDigest = z.object({
  frequency: DigestFrequency,
  weekday: Weekday.describe('ISO weekday, 1 = Monday; used when weekly'),
  hour: Hour.describe("hour of the day in the organisation's time zone"),
})

export const Webhook = z.object({
  id: z.number(),
  url: z.string(),
  active: z.boolean(),
  format: WebhookFormat,
  locale: z.enum(['en', 'nl']).describe('language of the texts in slack and teams bodies'),
  scope: z.string().nullable().describe("only this scope's zone changes and digest; null: the whole organisation"),
  digest: WebhookDigest,
  version: z.number(),
  createdAt: z.string(),
})
export type Webhook = z.infer<typeof Webhook>

export const WebhookCreated = Webhook.extend({
  secret: z.string().describe('HMAC key for x-kpi-signature; shown only in this answer'),
})

export const WebhookCreate = z.object({
  url: WebhookUrl,
  active: z.boolean().default(true),
  format: WebhookFormat.default('json'),
  locale: z.enum(['en', 'nl']).default('en'),
  scope: DigestScope.nullable().default(null),
  digest: WebhookDigest.default({ frequency: 'off', weekday: 1, hour: 8 }),
})
export const WebhookPatch = z.object({
  url: WebhookUrl.optional(),
  active: z.boolean().optional(),
  format: WebhookFormat.optional(),
  locale: z.enum(['en', 'nl']).optional(),
  scope: DigestScope.nullable().optional(),
  digest: WebhookDigest.optional(),
  version: Version,
})
export const WebhookParams = z.object({ id: IdParam })
export const DeleteQuery = z.object({ version: VersionParam })

export const Delivery = z.object({
  id: z.string(),
  eventId: z.string(),
  type: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable().describe('null once delivered or failed'),
  lastError: z.string().nullable(),
  lastStatusCode: z.number().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
})
export const DeliveriesQuery = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
})
export const DeliveriesPage = z.object({ items: z.array(Delivery), page: z.number(), pageSize: z.number() })
export const TestResult = z.object({ delivery: Delivery })
