import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { printScope } from '@kpi/domain/scope'
import { cachedAnswer } from '../../kpi/answer-cache.plugin.ts'
import { dashboard } from '../../kpi/dashboard.ts'
import { readKpis } from '../../read-replica/kpi-reads.plugin.ts'
import { DashboardSchema } from '@kpi/contract/dashboard'
import { FigureQuery } from '@kpi/contract/dashboard'
import { figureRequest } from './figure-request.ts'

/**
 * GET /api/dashboard — the focus areas with their KPI gauges for one scope and period. Answers come from the KPI
 * answer cache (kpi/answer-cache.ts) after the access check, with an ETag.
 */
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
      const { organizationId, scope, date, now } = figures
      // A team's per-rep values: a rep sees only their own line unless the team leaderboard is on (SPEC 6).
      const ownLine =
        request.user.role === 'rep' && scope.type === 'team' && !figures.leaderboardEnabled
          ? request.user.id
          : undefined
      // Every query parameter, with the defaults (scope, date) resolved, and whose line alone is kept.
      const params = { ...request.query, scope: printScope(scope), date, ownLine }
      return cachedAnswer(
        request,
        reply,
        { organizationId, version: figures.dataVersion, kind: 'dashboard', now, params, schema: DashboardSchema },
        // The aggregates may come from the read replica once it has this data version (read-replica/).
        () =>
          readKpis(request, reply, figures, (read) =>
            dashboard(
              { pool: read, spans: { cache: app.kpiSpans, version: figures.dataVersion } },
              { ...figures, breakdownOnlyFor: ownLine },
            ),
          ),
      )
    },
  )
}
