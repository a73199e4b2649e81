import { z } from 'zod'

export const NotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: unread only'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  locale: z.enum(['en', 'nl']).default('en'),
})
export type NotificationsQuery = z.infer<typeof NotificationsQuery>

export const NotificationItem = z.object({
  id: z.string(),
  kpiKey: z.string(),
  scope: z.string().describe("'team:3'"),
  period: z.object({ type: z.string(), label: z.string(), startDate: z.string() }),
  from: z.string(),
  to: z.string(),
  value: z.number().nullable(),
  text: z.string().describe('"Won revenue for Team North turned red", in the requested locale'),
  link: z.string().describe('/kpi/<key>?scope=…&period=…&date=…'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})

export const NotificationsPage = z.object({
  items: z.array(NotificationItem),
  page: z.number(),
  pageSize: z.number(),
  total: z.number().describe('matching the filter'),
  unreadCount: z.number(),
  now: z
    .string()
    .describe(
      "the clock that wrote createdAt, when answering: what a client says '2 hours ago' from (its own may be off)",
    ),
})
export type NotificationsPage = z.infer<typeof NotificationsPage>

export const NotificationParams = z.object({ id: z.string().regex(/^[1-9]\d{0,17}$/, 'a notification id') })

export const ReadResult = z.object({ updated: z.number(), unreadCount: z.number() })
