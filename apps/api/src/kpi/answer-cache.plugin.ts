import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Instant } from '@kpi/domain/time-zone'
import {
  AnswerCache,
  answerKey,
  etagOf,
  matchesEtag,
  readDataVersion,
  type AnswerCacheOptions,
  type AnswerKeyInput,
} from './answer-cache.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** KPI answers per organisation and data version (./answer-cache.ts); one per app, shared by its routes. */
    kpiAnswers: AnswerCache
  }
}

export const answerCachePlugin = fp<AnswerCacheOptions>(
  async (app, options) => {
    app.decorate('kpiAnswers', new AnswerCache(options))
  },
  { name: 'kpi-answer-cache' },
)

/** Personal figures: never in a shared cache; the browser keeps them but asks (If-None-Match) before reuse. */
const revalidate = 'private, no-cache'

export type CachedAnswerRequest = {
  organizationId: number
  kind: string
  now: Instant
  params: AnswerKeyInput['params']
}

/**
 * Answers a KPI GET from the cache (or computes it once): reads the organisation's data version, sets the ETag and
 * Cache-Control, and sends 304 without computing anything when the client holds this answer already. Call it after
 * the access checks: the cache knows nothing about who may see what.
 */
export async function cachedAnswer<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: CachedAnswerRequest,
  compute: () => Promise<T>,
): Promise<T | FastifyReply> {
  const { pool } = request.server.store
  const version = await readDataVersion(pool, answer.organizationId)
  const key = answerKey({ ...answer, version })
  const etag = etagOf(key)
  reply.header('cache-control', revalidate).header('etag', etag)
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send()
  return request.server.kpiAnswers.answer(key, compute)
}
