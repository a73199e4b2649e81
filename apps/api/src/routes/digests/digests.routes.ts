import {
  DigestOverview,
  DigestSendsPage,
  DigestSendsQuery,
  RunDigestsBody,
  RunDigestsResult,
} from '@kpi/contract/digests'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { loadRecipients } from '../../digests/subscriptions.db.ts'
import { HttpError } from '../../http-errors.ts'
import { digestOverview, listSends, sendsById, SENDS_PAGE_SIZE } from './digests.db.ts'

const noStore = 'private, no-store'

/** The admin's side of digests (decision 0039): who gets what, what was sent or failed, and "send now". */
export const digestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/digests',
    {
      schema: {
        summary: "Who gets which digest, when next, and each person's last one (admin)",
        tags: ['digests'],
        response: { 200: DigestOverview },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return digestOverview(app.store.pool, request.user.organizationId, {
        now: app.digests.now(),
        mailEnabled: app.digests.mailEnabled,
      })
    },
  )

  app.get(
    '/digests/sends',
    {
      schema: {
        summary: 'Digests sent, skipped or failed, newest first, with what the e-mail or webhook did next (admin)',
        tags: ['digests'],
        querystring: DigestSendsQuery,
        response: { 200: DigestSendsPage },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { status, page } = request.query
      const items = await listSends(app.store.pool, request.user.organizationId, { status, page })
      return { items, page, pageSize: SENDS_PAGE_SIZE }
    },
  )

  app.post(
    '/digests/run',
    {
      schema: {
        summary: "Send the digests due now; with userId, that person's digest at once whatever their schedule (admin)",
        tags: ['digests'],
        body: RunDigestsBody,
        response: { 200: RunDigestsResult },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { organizationId } = request.user
      const { userId } = request.body
      if (userId === undefined) {
        const outcomes = await app.digests.runDue(organizationId)
        const sends = await sendsById(
          app.store.pool,
          organizationId,
          outcomes.map((outcome) => outcome.id),
        )
        return { queued: sends.length, sends }
      }
      const [recipient] = await loadRecipients(app.store.pool, organizationId, userId)
      if (!recipient)
        throw new HttpError('not_found', `no active person ${userId} with an e-mail address here`, 'body.userId')
      const id = await app.digests.sendNow(organizationId, userId)
      return { queued: 1, sends: await sendsById(app.store.pool, organizationId, [id]) }
    },
  )
}
