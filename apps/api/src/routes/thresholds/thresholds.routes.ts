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

  app.put(
    '/thresholds/:kpiKey/teams/:teamId',
    {
      schema: {
        summary: "Set a team's override of a KPI threshold (admin)",
        tags: ['thresholds'],
        params: TeamOverrideParams,
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
    '/thresholds/:kpiKey/teams/:teamId',
    {
      schema: {
        summary: "Remove a team's override (admin)",
        tags: ['thresholds'],
        params: TeamOverrideParams,
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

  app.put(
    '/thresholds/:kpiKey/regions/:regionId',
    {
      schema: {
        summary: "Set a region's override of a KPI threshold (admin); a team's own override still wins",
        tags: ['thresholds'],
        params: RegionOverrideParams,
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
    '/thresholds/:kpiKey/regions/:regionId',
    {
      schema: {
        summary: "Remove a region's override (admin)",
        tags: ['thresholds'],
        params: RegionOverrideParams,
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
