import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SessionUser } from '@kpi/contract/me'
import { HttpError } from '../http-errors.ts'
import { loadMe } from '../routes/me/me.db.ts'
import { CSRF_COOKIE, SESSION_COOKIE, csrfCookieOptions, sessionCookieOptions } from './cookies.ts'
import { createSession, deleteSession, findSessionUser, newToken } from './session.db.ts'

/**
 * Starts a session for a person whose identity was just proven — password (and code), an accepted invitation, a
 * password reset, the first-run setup, single sign-on — and sets its cookies. The one way in for all of them.
 * No session fixation: whatever session cookie came in is ended, and a brand-new token is issued.
 */
export async function signIn(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  { userId, production }: { userId: number; production: boolean },
): Promise<SessionUser> {
  const previous = request.cookies[SESSION_COOKIE]
  if (previous) await deleteSession(app.store.pool, previous)
  const token = await createSession(app.store.pool, {
    userId,
    userAgent: request.headers['user-agent'],
    ip: request.ip,
  })
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(production))
  reply.setCookie(CSRF_COOKIE, newToken(), csrfCookieOptions(production))
  // The session row is what every later request reads: answer with what it gives (null: deactivated meanwhile).
  const user = await findSessionUser(app.store.pool, token)
  if (user === null) throw new HttpError('unauthorized', 'this account cannot sign in')
  return (await loadMe(app.store.prisma, user)).user
}
