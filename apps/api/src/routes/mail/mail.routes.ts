import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { MailMessages, MailMessagesQuery } from '@kpi/contract/mail'
import { listMail } from './mail.db.ts'

/** What was e-mailed and whether it went out: a failure is visible to the admin, never silent. */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/mail/messages',
    {
      schema: {
        summary: "The organisation's latest e-mails (invitations, password resets) and their delivery (admin)",
        tags: ['mail'],
        querystring: MailMessagesQuery,
        response: { 200: MailMessages },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => ({
      enabled: app.mail.enabled,
      items: await listMail(app.store.pool, request.user.organizationId, request.query.status),
    }),
  )
}
