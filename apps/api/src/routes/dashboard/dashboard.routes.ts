import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { dashboard } from '../../kpi/dashboard.ts'
import { DashboardSchema } from '../../kpi/dashboard.schema.ts'
import { FigureQuery } from './dashboard.schema.ts'
import { figureRequest } from './figure-request.ts'

/** GET /api/dashboard — the focus areas with their KPI gauges for one scope and period. */
export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dashboard',
    {
      schema: {
        summary: 'Focus areas with their KPIs for a scope and period',
        tags: ['dashboard'],
        querystring: FigureQuery,
        response: { 200: DashboardSchema },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      const { pool } = app.store
      const figures = await figureRequest(pool, request.user, request.query, new Date())
      // Personal figures: never in a shared cache, never reused after a target or threshold changes.
      reply.header('cache-control', 'private, no-store')
      return dashboard({ pool }, figures)
    },
  )
}
