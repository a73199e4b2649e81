import { isKpiKey } from '@kpi/domain/kpis/keys'
import { KPI_LIST } from '@kpi/domain/kpis/registry'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { printScope } from '@kpi/domain/scope'
import { HttpError } from '../../http-errors.ts'
import { cachedAnswer } from '../../kpi/answer-cache.plugin.ts'
import { kpiDetail } from '../../kpi/dashboard.ts'
import { readKpis } from '../../read-replica/kpi-reads.plugin.ts'
import { figureRequest } from '../dashboard/figure-request.ts'
import { kpiRecords, sortsFor } from './kpi-records.db.ts'
import { Catalog, KpiDetailQuery, KpiDetailWithRecords, KpiParams } from '@kpi/contract/kpis'

const noStore = 'private, no-store'

// The catalog is the registry as data: the same for every organisation and user.
const catalog = {
  kpis: KPI_LIST.map(({ key, name, description, unit, direction, kind, area, scopes, accumulation, format }) => ({
    key,
    name,
    description,
    unit,
    direction,
    kind,
    area,
    scopes: [...scopes],
    accumulation,
    format,
  })),
}

/** GET /api/kpis (catalog) and GET /api/kpis/:key (one KPI in depth, with the records behind it). */
export const kpiRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/kpis',
    {
      schema: {
        summary: 'Every KPI: names, unit, direction, kind, area, scopes',
        tags: ['kpis'],
        response: { 200: Catalog },
      },
      preHandler: app.authenticate,
    },
    async (_request, reply) => {
      reply.header('cache-control', noStore)
      return catalog
    },
  )

  app.get(
    '/kpis/:key',
    {
      schema: {
        summary: 'One KPI: card, trend, breakdowns and the records behind the number',
        tags: ['kpis'],
        params: KpiParams,
        querystring: KpiDetailQuery,
        response: { 200: KpiDetailWithRecords },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      const { key } = request.params
      const { query, user } = request
      if (!isKpiKey(key)) throw new HttpError('not_found', `unknown KPI ${key}`, 'params.key')
      if (query.sort !== undefined && !sortsFor(key).includes(query.sort)) {
        throw new HttpError('validation_failed', `sort must be one of ${sortsFor(key).join(', ')}`, 'query.sort')
      }
      const { pool } = app.store
      const figures = await figureRequest(pool, user, query, new Date())
      const { organizationId, scope, date, now } = figures
      // Every query parameter (defaults resolved) and who asks: records and leaderboard lines depend on the viewer.
      const viewer = [user.role, user.id, ...user.managedTeamIds]
      const params = { ...query, key, scope: printScope(scope), date, viewer }
      return cachedAnswer(
        request,
        reply,
        { organizationId, version: figures.dataVersion, kind: 'kpi-detail', now, params, schema: KpiDetailWithRecords },
        // The read replica once it has this data version, else the primary (read-replica/).
        () =>
          readKpis(request, reply, figures, async (read) => {
            const [detail, records] = await Promise.all([
              kpiDetail(
                { pool: read, spans: { cache: app.kpiSpans, version: figures.dataVersion } },
                { ...figures, key, viewer: user },
              ),
              kpiRecords(read, user, {
                key,
                scope: figures.scope,
                period: figures.period,
                now: figures.now,
                settings: figures.periodSettings,
                page: query.page,
                pageSize: query.pageSize,
                ...(query.sort ? { sort: query.sort } : {}),
              }),
            ])
            return { ...detail, records }
          }),
      )
    },
  )
}
