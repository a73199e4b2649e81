import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HttpError } from '../../http-errors.ts'
import { listNotifications, markRead, unreadCount } from './notifications.db.ts'
import { NotificationParams, NotificationsPage, NotificationsQuery, ReadResult } from '@kpi/contract/notifications'

const noStore = 'private, no-store'

/** The signed-in user's own KPI status notifications (alerts/detect.ts writes them); nobody sees anyone else's. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        summary: 'My notifications, newest first (20 a page)',
        tags: ['notifications'],
        querystring: NotificationsQuery,
        response: { 200: NotificationsPage },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return listNotifications(app.store.pool, request.user.id, request.query)
    },
  )

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        summary: 'Mark one of my notifications read',
        tags: ['notifications'],
        params: NotificationParams,
        response: { 200: ReadResult },
      },
      preHandler: app.authenticate,
    },
    async (request) => {
      const updated = await markRead(app.store.pool, request.user.id, request.params.id, new Date())
      if (updated === null) throw new HttpError('not_found', `notification ${request.params.id} not found`, 'params.id')
      return { updated, unreadCount: await unreadCount(app.store.pool, request.user.id) }
    },
  )

  app.post(
    '/notifications/read-all',
    {
      schema: { summary: 'Mark all my notifications read', tags: ['notifications'], response: { 200: ReadResult } },
      preHandler: app.authenticate,
    },
    async (request) => {
      const updated = (await markRead(app.store.pool, request.user.id, null, new Date())) ?? 0
      return { updated, unreadCount: 0 }
    },
  )
}
