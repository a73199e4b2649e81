import cookie from '@fastify/cookie'
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import type { AuthUser, Role } from '../auth/auth-user.ts'
import { SESSION_COOKIE } from '../auth/cookies.ts'
import { findSessionUser } from '../auth/session.db.ts'
import { HttpError } from '../http-errors.ts'

// Who is asking: cookie parsing, `request.user`, and the two route guards every route uses
// (`app.authenticate`, `app.requireRole(...)`). The contract is documented in auth/auth-user.ts.

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set by `app.authenticate` / `app.requireRole`. Null on routes without a guard. */
    user: AuthUser
  }
  interface FastifyInstance {
    /** preHandler: 401 unless the kpi_session cookie names a live session of an active user. */
    authenticate: preHandlerAsyncHookHandler
    /** preHandler: authenticates, then 403 unless the user has one of `roles`. */
    requireRole: (...roles: Role[]) => preHandlerAsyncHookHandler
  }
}

async function authenticate(this: unknown, request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  // Guards can be stacked ([authenticate, requireRole('admin')]): look the session up once per request.
  if (request.user !== null) return
  const token = request.cookies[SESSION_COOKIE]
  const user = token ? await findSessionUser(request.server.store.pool, token) : null
  if (user === null) throw new HttpError('unauthorized', 'sign in first')
  request.user = user
}

export const sessionPlugin = fp(
  async (app) => {
    await app.register(cookie)
    // null, not an object: a decorator's default is shared by every request, so it must never be mutable.
    app.decorateRequest('user', null as unknown as AuthUser)
    app.decorate('authenticate', authenticate)
    app.decorate('requireRole', (...roles: Role[]): preHandlerAsyncHookHandler => {
      return async function requireRole(request, reply) {
        await authenticate(request, reply)
        if (!roles.includes(request.user.role)) {
          throw new HttpError('forbidden', `this needs the ${roles.join(' or ')} role`)
        }
      }
    })
  },
  { name: 'session', dependencies: ['store'] },
)
