import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody, versionConflictBody } from '@kpi/contract/errors'
import {
  CreateRegionBody,
  DeleteRegionQuery,
  RegionList,
  RegionOut,
  RegionParams,
  RegionResponse,
  UpdateRegionBody,
} from '@kpi/contract/regions'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { createRegion, deleteRegion, listRegions, updateRegion } from './regions.db.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
// A stale write answers the region as stored now (version_conflict); a rename onto a taken name is a plain conflict.
const writeErrors = { ...errors, 409: z.union([versionConflictBody(RegionOut), ErrorBody]) }

/** Regions (groups of teams, decision 0034): admins manage them, a region's manager sees theirs. */
export const regionsRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)
  app.get(
    '/regions',
    {
      schema: {
        summary: 'Regions: admins see all, managers the regions they manage, reps none',
        tags: ['regions'],
        response: { 200: RegionList, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request) => ({ regions: await listRegions(app.store.prisma, request.user) }),
  )

  app.post(
    '/regions',
    {
      schema: {
        summary: 'Create a region (admin)',
        tags: ['regions'],
        body: CreateRegionBody,
        response: { 201: RegionResponse, ...errors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const region = await createRegion(app.store.prisma, request.user, request.body)
      return reply.code(201).send({ region })
    },
  )

  app.patch(
    '/regions/:id',
    {
      schema: {
        summary: 'Rename a region or change its manager (admin); needs the current version',
        tags: ['regions'],
        params: RegionParams,
        body: UpdateRegionBody,
        response: { 200: RegionResponse, ...writeErrors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => ({
      region: await updateRegion(app.store.prisma, request.user, request.params.id, request.body),
    }),
  )

  app.delete(
    '/regions/:id',
    {
      schema: {
        summary: 'Delete a region (admin): its teams stay without a region; its targets and overrides go',
        tags: ['regions'],
        params: RegionParams,
        querystring: DeleteRegionQuery,
        response: { 204: z.null(), ...writeErrors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      await deleteRegion(app.store.prisma, request.user, request.params.id, request.query.version)
      return reply.code(204).send(null)
    },
  )
}
