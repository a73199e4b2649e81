import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { RateLimits } from '../config.ts'
import { HttpError } from '../http-errors.ts'
import { countHit } from './rate-limit.db.ts'

// Limits on what costs the shared server most — imports, exports, writes — per person and per organisation (five
// times a person's allowance), counted in PostgreSQL so that several API replicas share one allowance. Reads of
// the dashboard are not limited: they are cheap (answer cache) and what people come for. Sign-in has its own
// limits (auth/login-limit.db.ts). Registered after the auth gate: anonymous requests never get this far.

export const ORGANISATION_FACTOR = 5

type Kind = { name: string; what: string; limit: number; windowSeconds: number; window: string }

function kindOf(request: FastifyRequest, limits: RateLimits): Kind | null {
  const path = request.routeOptions.url ?? ''
  const read = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS'
  if (!read && path.startsWith('/api/import/'))
    return { name: 'import', what: 'imports', limit: limits.importsPerHour, windowSeconds: 3600, window: 'hour' }
  if (read && path.startsWith('/api/export/'))
    return { name: 'export', what: 'exports', limit: limits.exportsPerHour, windowSeconds: 3600, window: 'hour' }
  if (!read && !path.startsWith('/api/auth/'))
    return { name: 'write', what: 'changes', limit: limits.writesPerMinute, windowSeconds: 60, window: 'minute' }
  return null
}

export const rateLimitPlugin = fp<{ limits: RateLimits }>(
  async (app, { limits }) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.is404 || !request.user) return
      const kind = kindOf(request, limits)
      if (kind === null || kind.limit === 0) return
      const { id, organizationId } = request.user
      const userKey = `${kind.name}:user:${id}`
      const hits = await countHit(app.store.pool, [userKey, `${kind.name}:org:${organizationId}`], kind.windowSeconds)
      const over = hits.find((hit) => hit.hits > (hit.key === userKey ? kind.limit : kind.limit * ORGANISATION_FACTOR))
      if (!over) return
      const who = over.key === userKey ? 'you' : 'your organisation'
      const minutes = Math.ceil(over.retryAfterSeconds / 60)
      const when = over.retryAfterSeconds <= 60 ? `${over.retryAfterSeconds} s` : `${minutes} min`
      reply.header('retry-after', String(over.retryAfterSeconds))
      throw new HttpError(
        'too_many_requests',
        `too many ${kind.what} from ${who} this ${kind.window}; try again in ${when}`,
      )
    })
  },
  { name: 'rate-limit', dependencies: ['auth-gate'] },
)
