import { z } from 'zod'
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

export const Webhook = z.object({
  id: z.number(),
  url: z.string(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
})
export type Webhook = z.infer<typeof Webhook>

export const WebhookCreated = Webhook.extend({
  secret: z.string().describe('HMAC key for x-kpi-signature; shown only in this answer'),
})

export const WebhookCreate = z.object({ url: WebhookUrl, active: z.boolean().default(true) })
export const WebhookPatch = z.object({
  url: WebhookUrl.optional(),
  active: z.boolean().optional(),
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
