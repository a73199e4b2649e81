import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { z } from 'zod'
import type { Instant } from '@kpi/domain/time-zone'
import {
  AnswerCache,
  answerKey,
  etagOf,
  matchesEtag,
  type AnswerCacheOptions,
  type AnswerKeyInput,
  type DataVersion,
} from './answer-cache.ts'
import { SpanAggregateCache } from './span-cache.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** KPI answers per organisation and data version (./answer-cache.ts); one per app, shared by its routes. */
    kpiAnswers: AnswerCache
    /** Finished spans' aggregates across data versions (./span-cache.ts); off when the answer cache is. */
    kpiSpans: SpanAggregateCache
  }
}

export const answerCachePlugin = fp<AnswerCacheOptions>(
  async (app, options) => {
    app.decorate('kpiAnswers', new AnswerCache(options))
    // ~100 entries per dashboard view (groups × spans, one per scope set): a few hundred views per organisation.
    app.decorate('kpiSpans', new SpanAggregateCache({ maxEntries: options.maxEntries > 0 ? SPAN_ENTRIES : 0 }))
  },
  { name: 'kpi-answer-cache' },
)

const SPAN_ENTRIES = 100_000

/** Personal figures: never in a shared cache; the browser keeps them but asks (If-None-Match) before reuse. */
const revalidate = 'private, no-cache'

export type CachedAnswerRequest = {
  organizationId: number
  /** The organisation's data version, read before anything the answer depends on (figureRequest does). */
  version: DataVersion
  kind: string
  now: Instant
  params: AnswerKeyInput['params']
}

/**
 * Answers a KPI GET from the cache (or computes it once) under the data version the caller read; sends the cached
 * JSON text as it is, with ETag and Cache-Control, or 304 when the client holds this answer already. A computed
 * answer is checked against the route's response schema once, when it is made (a string payload skips the route's
 * serializer). Call it after the access checks: the cache knows nothing about who may see what.
 */
export async function cachedAnswer<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: CachedAnswerRequest & { schema: z.ZodType<T> },
  compute: () => Promise<T>,
): Promise<FastifyReply> {
  const key = answerKey(answer)
  const { json, minute } = await request.server.kpiAnswers.answer(key, async () =>
    JSON.stringify(answer.schema.parse(await compute())),
  )
  const etag = etagOf(key, minute)
  reply.header('cache-control', revalidate).header('etag', etag)
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send()
  return reply.type('application/json; charset=utf-8').send(json)
}
