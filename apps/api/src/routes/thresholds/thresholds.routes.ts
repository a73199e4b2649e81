import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'
import { deleteOverride, listThresholds, putThreshold } from './thresholds.db.ts'
import {
  DeleteQuery,
  KpiParams,
  RegionOverrideParams,
  TeamOverrideParams,
  Threshold,
  ThresholdList,
  ThresholdPut,
} from '@kpi/contract/thresholds'

const noStore = 'private, no-store'

/** Everyone signed in reads thresholds (gauges show them); admins alone change them (SPEC section 6). */
export const thresholdRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)
  const actorOf = (user: { organizationId: number; id: number }) => ({
    organizationId: user.organizationId,
    actorId: user.id,
  })

  app.get(
    '/thresholds',
    {
      schema: {
        summary: 'Thresholds per KPI: org default and team overrides',
        tags: ['thresholds'],
        response: { 200: ThresholdList },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      return listThresholds(app.store.prisma, request.user.organizationId)
    },
  )

  app.put(
    '/thresholds/:kpiKey',
    {
      schema: {
        summary: "Set a KPI's organisation default threshold (admin)",
        tags: ['thresholds'],
        params: KpiParams,
        body: ThresholdPut,
        response: { 200: Threshold, 409: versionConflictBody(Threshold) },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const target = { kpiKey: request.params.kpiKey, teamId: null }
      return putThreshold(app.store.prisma, actorOf(request.user), target, request.body)
    },
  )

  // A team's and a region's override: the same two routes each; the nearest override wins (decision 34).
  const overrides = [
    { path: '/thresholds/:kpiKey/teams/:teamId', params: TeamOverrideParams, whose: "a team's", note: '' },
    {
      path: '/thresholds/:kpiKey/regions/:regionId',
      params: RegionOverrideParams,
      whose: "a region's",
      note: "; a team's own override still wins",
    },
  ] as const
  for (const { path, params, whose, note } of overrides) {
    app.put(
      path,
      {
        schema: {
          summary: `Set ${whose} override of a KPI threshold (admin)${note}`,
          tags: ['thresholds'],
          params,
          body: ThresholdPut,
          response: { 200: Threshold, 409: versionConflictBody(Threshold) },
        },
        preHandler: app.requireRole('admin'),
      },
      async (request, reply) => {
        reply.header('cache-control', noStore)
        return putThreshold(app.store.prisma, actorOf(request.user), request.params, request.body)
      },
    )

    app.delete(
      path,
      {
        schema: {
          summary: `Remove ${whose} override (admin)`,
          tags: ['thresholds'],
          params,
          querystring: DeleteQuery,
          response: { 204: z.null(), 409: versionConflictBody(Threshold) },
        },
        preHandler: app.requireRole('admin'),
      },
      async (request, reply) => {
        await deleteOverride(app.store.prisma, actorOf(request.user), request.params, request.query.version)
        return reply.code(204).header('cache-control', noStore).send(null)
      },
    )
  }
}
