import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CSRF_COOKIE, csrfCookieOptions } from '../../auth/cookies.ts'
import { newToken } from '../../auth/session.db.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { loadMe, updateMe } from './me.db.ts'
import { MeResponse, UpdateMeBody, UpdateMeResponse } from '@kpi/contract/me'

export const meRoutes: FastifyPluginAsyncZod<{ production: boolean }> = async (app, { production }) => {
  // The web app calls /api/me first thing; handing out the CSRF cookie here — even on the 401 — means the
  // login form already has a token to send.
  async function ensureCsrfCookie(request: FastifyRequest, reply: FastifyReply) {
    if (!request.cookies[CSRF_COOKIE]) reply.setCookie(CSRF_COOKIE, newToken(), csrfCookieOptions(production))
  }

  app.get(
    '/me',
    {
      config: { public: true },
      schema: {
        summary: 'The signed-in user, their team(s) and organisation settings',
        tags: ['auth'],
        response: { 200: MeResponse, 401: ErrorBody },
      },
      preHandler: [ensureCsrfCookie, app.authenticate],
    },
    async (request) => loadMe(app.store.prisma, request.user),
  )

  app.patch(
    '/me',
    {
      schema: {
        summary:
          'Change what the signed-in person chose for themselves: the language of their e-mails, gauges or bullet graphs',
        tags: ['auth'],
        body: UpdateMeBody,
        response: { 200: UpdateMeResponse, 401: ErrorBody },
      },
      preHandler: app.authenticate,
    },
    async (request) => updateMe(app.store.prisma, request.user.id, request.body),
  )
}
