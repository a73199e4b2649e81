import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { SESSION_COOKIE } from '../../auth/cookies.ts'
import { hashToken } from '../../auth/session.db.ts'
import { otpauthUrl, qrCodeSvg } from '../../auth/two-factor.ts'
import {
  confirmEnrolment,
  removeTwoFactor,
  startEnrolment,
  twoFactorState,
  useSecondFactor,
} from '../../auth/two-factor.db.ts'
import { HttpError } from '../../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { RecoveryCodes, TotpCodeBody, TotpEnrolment } from '@kpi/contract/two-factor'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody }
const noStore = 'private, no-store'

/** The signed-in person's own two-factor codes (docs/decisions/0022). Everyone may; nobody for anyone else. */
export const twoFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/me/totp',
    {
      schema: {
        summary: 'Start turning on two-factor codes: a new secret to scan or type (replaces an unconfirmed one)',
        tags: ['auth'],
        response: { 200: TotpEnrolment, ...errors },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { secret, organization } = await startEnrolment(app.store.pool, request.user.id)
      const url = otpauthUrl({ organization, email: request.user.email, secret })
      return { secret, otpauthUrl: url, qrCodeSvg: await qrCodeSvg(url) }
    },
  )

  app.post(
    '/me/totp/confirm',
    {
      schema: {
        summary: 'Finish turning on two-factor codes with a code from the app: ten recovery codes, shown once',
        description: 'Ends every other session of this person (they were opened with the password alone).',
        tags: ['auth'],
        body: TotpCodeBody,
        response: { 200: RecoveryCodes, ...errors },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const keepSessionId = hashToken(request.cookies[SESSION_COOKIE] ?? '')
      const recoveryCodes = await confirmEnrolment(app.store.pool, {
        userId: request.user.id,
        code: request.body.code,
        keepSessionId,
      })
      return { recoveryCodes }
    },
  )

  app.delete(
    '/me/totp',
    {
      schema: {
        summary: 'Turn two-factor codes off; needs a current code or an unused recovery code',
        description: 'Refused (403) while the organisation requires two-factor codes; an admin can reset them.',
        tags: ['auth'],
        body: TotpCodeBody,
        response: { 204: z.null(), ...errors },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      const { id } = request.user
      const state = await twoFactorState(app.store.pool, id)
      if (!state.enabled) throw new HttpError('conflict', 'two-factor codes are not on')
      if (state.required) {
        throw new HttpError('forbidden', 'your organisation requires two-factor codes; an admin can reset yours')
      }
      if (!(await useSecondFactor(app.store.pool, id, request.body.code))) {
        throw new HttpError('validation_failed', 'the code is wrong or was already used', 'body.code')
      }
      await removeTwoFactor(app.store.pool, id)
      return reply.code(204).send(null)
    },
  )
}
