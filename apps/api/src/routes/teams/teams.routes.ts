import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '@kpi/contract/errors'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'
import { createTeam, listTeams, updateTeam } from './teams.db.ts'
import { CreateTeamBody, TeamList, TeamOut, TeamParams, TeamResponse, UpdateTeamBody } from '@kpi/contract/teams'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
// A stale PATCH answers the team as stored now (version_conflict); a rename onto a taken name is a plain conflict.
const patchErrors = { ...errors, 409: z.union([versionConflictBody(TeamOut), ErrorBody]) }

export const teamsRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)
  app.get(
    '/teams',
    {
      schema: {
        summary: 'Teams: admins see all, managers the teams they manage, reps their own',
        tags: ['teams'],
        response: { 200: TeamList, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request) => ({ teams: await listTeams(app.store.prisma, request.user) }),
  )

  app.post(
    '/teams',
    {
      schema: {
        summary: 'Create a team (admin)',
        tags: ['teams'],
        body: CreateTeamBody,
        response: { 201: TeamResponse, ...errors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const team = await createTeam(app.store.prisma, request.user, request.body)
      return reply.code(201).send({ team })
    },
  )

  app.patch(
    '/teams/:id',
    {
      schema: {
        summary: 'Rename, change manager or region, or (de)activate a team (admin); needs the current version',
        tags: ['teams'],
        params: TeamParams,
        body: UpdateTeamBody,
        response: { 200: TeamResponse, ...patchErrors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => ({ team: await updateTeam(app.store.prisma, request.user, request.params.id, request.body) }),
  )
}
