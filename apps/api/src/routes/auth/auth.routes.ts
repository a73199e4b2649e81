import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CSRF_COOKIE, SESSION_COOKIE, csrfCookieOptions, sessionCookieOptions } from '../../auth/cookies.ts'
import {
  defaultLoginLimits,
  loginBlock,
  normaliseEmail,
  type LoginBlock,
  recordLoginFailure,
  recordLoginSuccess,
} from '../../auth/login-limit.db.ts'
import { deleteSession } from '../../auth/session.db.ts'
import { signIn } from '../../auth/sign-in.ts'
import { twoFactorState, useSecondFactor } from '../../auth/two-factor.db.ts'
import { HttpError } from '../../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { checkCredentials } from './auth.db.ts'
import { LoginAmbiguous, LoginBody, LoginResponse } from '@kpi/contract/auth'

// One message for unknown email, wrong password and deactivated account: the answer must not tell them apart.
const badCredentials = 'email or password is wrong'

const blockedWhy: Record<LoginBlock['reason'], string> = {
  account: 'too many failed sign-ins for this account',
  address: 'too many failed sign-ins from your address',
  'sign-ins': 'too many sign-ins for this account',
}

export const authRoutes: FastifyPluginAsyncZod<{ production: boolean }> = async (app, { production }) => {
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        summary: 'Sign in: sets the kpi_session (httpOnly) and kpi_csrf cookies',
        description: 'Needs the x-csrf-token header equal to the kpi_csrf cookie (GET /api/me hands one out).',
        tags: ['auth'],
        body: LoginBody,
        response: { 200: LoginResponse, 401: ErrorBody, 409: LoginAmbiguous, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const email = normaliseEmail(request.body.email)
      const attempt = { email, ip: request.ip }
      const block = await loginBlock(app.store.pool, attempt, defaultLoginLimits)
      if (block !== null) {
        const seconds = block.retryAfterSeconds
        const at = new Date(Date.now() + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
        reply.header('retry-after', String(seconds))
        throw new HttpError('too_many_requests', `${blockedWhy[block.reason]}; try again in ${seconds} s (at ${at})`)
      }
      const { password, organizationId, code } = request.body
      const check = await checkCredentials(app.store.pool, { email, password, organizationId })
      if (check.kind === 'wrong') {
        await recordLoginFailure(app.store.pool, attempt)
        throw new HttpError('unauthorized', badCredentials)
      }
      // The second factor, asked for only now that the password was right: without it the answer tells nothing.
      // A wrong code counts as a failed sign-in, so guessing codes meets the same back-off as guessing passwords;
      // no code at all counts as neither (it must not clear the failures of someone guessing codes).
      if (check.kind === 'user' && (await twoFactorState(app.store.pool, check.userId)).enabled) {
        if (code === undefined) {
          throw new HttpError('totp_required', 'enter the code from your authenticator app (or a recovery code)')
        }
        if (!(await useSecondFactor(app.store.pool, check.userId, code))) {
          await recordLoginFailure(app.store.pool, attempt)
          throw new HttpError('unauthorized', 'the authentication code is wrong or was already used', 'body.code')
        }
      }
      // Choosing an organisation is not a sign-in: it must neither count as one nor clear the failures (else a
      // 409 between wrong codes would reset the back-off of someone guessing one organisation's codes).
      if (check.kind === 'ambiguous') {
        const count = check.organizations.length
        return reply.code(409).send({
          error: 'conflict',
          message: `this email and password open accounts in ${count} organisations; send organizationId to choose one`,
          field: 'body.organizationId',
          organizations: check.organizations,
        })
      }
      // Password (and code) right: a sign-in for the limits, and the end of this account's failures.
      await recordLoginSuccess(app.store.pool, email)
      return { user: await signIn(app, request, reply, { userId: check.userId, production }) }
    },
  )

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: {
        summary: 'Sign out: ends the session and clears the cookies (also fine when not signed in)',
        tags: ['auth'],
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE]
      if (token) await deleteSession(app.store.pool, token)
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(production))
      reply.clearCookie(CSRF_COOKIE, csrfCookieOptions(production))
      return reply.code(204).send(null)
    },
  )
}
