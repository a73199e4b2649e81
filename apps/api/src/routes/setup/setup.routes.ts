import { createOrganization } from '@kpi/db/organization/create-organization'
import { hashPassword } from '@kpi/db/passwords'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { normaliseEmail } from '../../auth/login-limit.db.ts'
import { signIn } from '../../auth/sign-in.ts'
import { HttpError } from '../../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { SetupBody, SetupResponse, SetupStatus } from '@kpi/contract/setup'
import { isSetupNeeded } from './setup.db.ts'

const alreadySetUp =
  'this installation is already set up: sign in instead (an operator adds organisations with pnpm setup:org)'

export const setupRoutes: FastifyPluginAsyncZod<{ production: boolean }> = async (app, { production }) => {
  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        summary: 'Whether the first-run setup is still to be done (no organisation yet)',
        tags: ['auth'],
        response: { 200: SetupStatus },
      },
    },
    async () => ({ needed: await isSetupNeeded(app.store.pool) }),
  )

  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        summary: 'First-run setup: creates the organisation and its first admin, and signs in as that admin',
        description:
          'Only while no organisation exists (409 afterwards; of two concurrent requests exactly one wins). ' +
          'Needs the x-csrf-token header equal to the kpi_csrf cookie (GET /api/me hands one out).',
        tags: ['auth'],
        body: SetupBody,
        response: { 201: SetupResponse, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      // Cheap refusal first: once set up, nobody gets to make this server run scrypt.
      if (!(await isSetupNeeded(app.store.pool))) throw new HttpError('conflict', alreadySetUp)
      const { organization, admin } = request.body
      const passwordHash = await hashPassword(admin.password)
      const created = await createOrganization(app.store.pool, {
        organization,
        admin: { name: admin.name, email: normaliseEmail(admin.email), passwordHash, locale: admin.locale },
        onlyIfFirst: true,
      })
      if (created === null) throw new HttpError('conflict', alreadySetUp)
      const user = await signIn(app, request, reply, { userId: created.adminId, production })
      return reply.code(201).send({ user })
    },
  )
}
