import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'
import { getLayout, replaceLayout } from './layout.db.ts'
import { Layout, LayoutPut } from '@kpi/contract/layout'

const noStore = 'private, no-store'

/** The focus-area layout: everyone signed in reads it (the dashboard is drawn from it); admins change it. */
export const layoutRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)

  app.get(
    '/layout',
    {
      schema: { summary: 'Focus areas and their KPIs, in order', tags: ['layout'], response: { 200: Layout } },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return getLayout(app.store.prisma, request.user.organizationId)
    },
  )

  app.put(
    '/layout',
    {
      schema: {
        summary: 'Replace the focus-area layout (admin)',
        tags: ['layout'],
        body: LayoutPut,
        response: { 200: Layout, 409: versionConflictBody(Layout) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const actor = { organizationId: request.user.organizationId, actorId: request.user.id }
      return replaceLayout(app.store.prisma, actor, request.body)
    },
  )
}
