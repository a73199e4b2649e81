import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { toInstant } from '@kpi/domain/time-zone'
import { deliverDue, type Sending } from '../../alerts/webhooks.ts'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'
import { getDelivery, listDeliveries, queueTestEvent } from './deliveries.db.ts'
import { assertOwnScope } from './webhook-scope.ts'
import { assertReachableUrl } from './webhook-url.ts'
import { createWebhook, deleteWebhook, findWebhook, listWebhooks, updateWebhook } from './webhooks.db.ts'
import {
  DeleteQuery,
  DeliveriesPage,
  DeliveriesQuery,
  TestResult,
  Webhook,
  WebhookCreate,
  WebhookCreated,
  WebhookParams,
  WebhookPatch,
} from '@kpi/contract/webhooks'

const tags = ['webhooks']

/**
 * Admin-managed receivers of KPI zone changes and digests, as signed JSON, Slack or Teams messages, optionally for
 * one scope (alerts/webhooks.ts sends them, alerts/webhook-formats.ts writes them).
 */
export const webhookRoutes: FastifyPluginAsyncZod<Sending> = async (app, { egress, publicUrl }) => {
  handleVersionConflicts(app)
  const admin = app.requireRole('admin')
  const actorOf = (user: { organizationId: number; id: number }) => ({
    organizationId: user.organizationId,
    actorId: user.id,
  })

  app.get(
    '/webhooks',
    { schema: { summary: 'Configured webhooks (admin)', tags, response: { 200: Webhook.array() } }, preHandler: admin },
    async (request) => listWebhooks(app.store.prisma, request.user.organizationId),
  )

  app.post(
    '/webhooks',
    {
      schema: {
        summary:
          'Add a webhook (admin): URL, format (json, slack, teams), language, scope, digest schedule; the answer carries the signing secret, shown only this once',
        tags,
        body: WebhookCreate,
        response: { 201: WebhookCreated },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      await assertReachableUrl(request.body.url, egress)
      await assertOwnScope(app.store.pool, request.user, request.body.scope)
      reply.header('cache-control', 'no-store')
      reply.code(201)
      return createWebhook(app.store.prisma, actorOf(request.user), request.body)
    },
  )

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        summary: 'Change url, active, format, language, scope or digest schedule (admin); 409 when version is stale',
        tags,
        params: WebhookParams,
        body: WebhookPatch,
        response: { 200: Webhook, 409: versionConflictBody(Webhook) },
      },
      preHandler: admin,
    },
    async (request) => {
      if (request.body.url !== undefined) await assertReachableUrl(request.body.url, egress)
      await assertOwnScope(app.store.pool, request.user, request.body.scope)
      return updateWebhook(app.store.prisma, actorOf(request.user), request.params.id, request.body)
    },
  )

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        summary: 'Remove a webhook and its delivery history (admin)',
        tags,
        params: WebhookParams,
        querystring: DeleteQuery,
        response: { 204: z.null(), 409: versionConflictBody(Webhook) },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      await deleteWebhook(app.store.prisma, actorOf(request.user), request.params.id, request.query.version)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        summary: 'Deliveries of a webhook, newest first: status, attempts, last error and HTTP status (admin)',
        tags,
        params: WebhookParams,
        querystring: DeliveriesQuery,
        response: { 200: DeliveriesPage },
      },
      preHandler: admin,
    },
    async (request) => {
      const hook = await findWebhook(app.store.prisma, request.user.organizationId, request.params.id)
      return listDeliveries(app.store.prisma, hook.id, request.query)
    },
  )

  app.post(
    '/webhooks/:id/test',
    {
      schema: {
        summary: "Send a kpi.test event now, in the webhook's format (admin); a failure is retried like any delivery",
        tags,
        params: WebhookParams,
        response: { 200: TestResult },
      },
      preHandler: admin,
    },
    async (request) => {
      const hook = await findWebhook(app.store.prisma, request.user.organizationId, request.params.id)
      const now = toInstant(new Date())
      const id = await queueTestEvent(app.store.prisma, hook.id, request.user.organizationId, now)
      // One attempt right away (at most the 5 s send timeout), so the admin sees the receiver's answer.
      await deliverDue(app.store, { now, egress, publicUrl, ids: [id] })
      return { delivery: await getDelivery(app.store.prisma, id) }
    },
  )
}
