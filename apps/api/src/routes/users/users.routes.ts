import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { ErrorBody } from '@kpi/contract/errors'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'
import { createUser, listUsers, resetTwoFactor, updateUser } from './users.db.ts'
import { CreateUserBody, UpdateUserBody, UserList, UserOut, UserParams, UserResponse } from '@kpi/contract/users'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }
// A stale PATCH answers the user as stored now, so the admin screen can show theirs beside what was typed.
const patchErrors = { ...errors, 409: versionConflictBody(UserOut) }

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)
  app.get(
    '/users',
    {
      schema: {
        summary: 'Users: admins see the organisation, managers their teams, reps their own team',
        tags: ['users'],
        response: { 200: UserList, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request) => ({ users: await listUsers(app.store.prisma, request.user) }),
  )

  app.post(
    '/users',
    {
      schema: {
        summary: 'Create a user (admin)',
        tags: ['users'],
        body: CreateUserBody,
        response: { 201: UserResponse, ...errors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request, reply) => {
      const user = await createUser(app.store.prisma, request.user, request.body)
      return reply.code(201).send({ user })
    },
  )

  app.patch(
    '/users/:id',
    {
      schema: {
        summary: 'Change name, role, team, active or password (admin); needs the current version',
        tags: ['users'],
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserResponse, ...patchErrors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => ({ user: await updateUser(app.store.prisma, request.user, request.params.id, request.body) }),
  )

  app.delete(
    '/users/:id/totp',
    {
      schema: {
        summary: "Reset a person's two-factor codes (admin): they are off, and the person's sessions end",
        tags: ['users'],
        params: UserParams,
        response: { 200: UserResponse, ...errors },
      },
      preHandler: app.requireRole('admin'),
    },
    async (request) => ({ user: await resetTwoFactor(app.store.prisma, request.user, request.params.id) }),
  )
}
