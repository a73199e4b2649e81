import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { pingDatabase } from './health.db.ts'
import { HealthDown, HealthUp } from '@kpi/contract/health'

// Long enough for a loaded database, short enough for a container or load-balancer probe.
const pingTimeoutMs = 1000

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['health'],
        response: { 200: HealthUp, 503: HealthDown },
      },
    },
    async (_request, reply) => {
      const ping = await pingDatabase(app.store.pool, { timeoutMs: pingTimeoutMs })
      if (ping.up) return { status: 'ok', db: 'up' } as const
      return reply.code(503).send({ status: 'degraded', db: 'down', message: `database unavailable: ${ping.reason}` })
    },
  )
}
