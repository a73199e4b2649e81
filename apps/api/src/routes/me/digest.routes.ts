import { inTransaction } from '@kpi/db/transaction'
import { DigestChoiceBody, DigestSend, DigestSettings } from '@kpi/contract/digests'
import { ErrorBody } from '@kpi/contract/errors'
import { parseScope } from '@kpi/domain/scope'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { canViewScope, resolveScopeContext } from '../../auth/access.ts'
import { writeAuditSql } from '../../audit/audit.db.ts'
import { loadRecipients, saveChoice } from '../../digests/subscriptions.db.ts'
import { HttpError } from '../../http-errors.ts'
import { digestSettings, sendsById } from '../digests/digests.db.ts'

const noStore = 'private, no-store'

/** A person's own digest (decision 0039): every role chooses for themself, within what they may see. */
export const meDigestRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/digest',
    {
      schema: {
        summary: 'My scheduled digest: how often, when, about what; my role default until I choose',
        tags: ['digests'],
        response: { 200: DigestSettings, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { organizationId, id } = request.user
      return digestSettings(app.store.pool, organizationId, id, app.digests.now())
    },
  )

  app.put(
    '/me/digest',
    {
      schema: {
        summary: 'Choose my digest: off, daily or weekly (weekday, hour), about a scope I may open',
        tags: ['digests'],
        body: DigestChoiceBody,
        response: { 200: DigestSettings, 400: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { user, body } = request
      const scope = parseScope(body.scope)!
      // The same rule as the dashboard: a digest never shows what its reader could not open.
      if (canViewScope(user, scope, await resolveScopeContext(app.store.pool, user, scope)) !== 'allowed')
        throw new HttpError('validation_failed', `you may not see the figures of ${body.scope}`, 'body.scope')
      const now = app.digests.now()
      await inTransaction(app.store.pool, async (tx) => {
        const [before] = await loadRecipients(tx, user.organizationId, user.id)
        await saveChoice(tx, user, body, now)
        await writeAuditSql(tx, {
          organizationId: user.organizationId,
          actorId: user.id,
          action: 'digest_subscription.updated',
          entity: 'digest_subscription',
          entityId: user.id,
          before: before && !before.isDefault ? before.choice : null,
          after: body,
        })
      })
      return digestSettings(app.store.pool, user.organizationId, user.id, now)
    },
  )

  app.post(
    '/me/digest/test',
    {
      schema: {
        summary: 'Send me my digest now, whatever my schedule — even with nothing to say',
        tags: ['digests'],
        response: { 200: DigestSend, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { organizationId, id } = request.user
      const sendId = await app.digests.sendNow(organizationId, id)
      const [send] = await sendsById(app.store.pool, organizationId, [sendId])
      return send!
    },
  )
}
