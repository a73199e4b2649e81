import { z } from 'zod'

// Mirrors apps/api/src/routes/notifications/notifications.schema.ts (GET /api/notifications).
export const NotificationSchema = z.object({
  id: z.string(),
  kpiKey: z.string(),
  scope: z.string(),
  text: z.string().describe('"Won revenue for Team North turned red", in the requested locale'),
  link: z.string().describe('/kpi/<key>?scope=…&period=…&date=…'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
})

export const NotificationsPageSchema = z.object({ items: z.array(NotificationSchema), unreadCount: z.number() })
export type NotificationsPage = z.infer<typeof NotificationsPageSchema>
