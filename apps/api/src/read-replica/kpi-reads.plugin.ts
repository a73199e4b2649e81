import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type pg from 'pg'
import type { DataVersion } from '../kpi/answer-cache.ts'
import { KpiReads } from './kpi-reads.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where KPI aggregates are read: the read replica once it has the request's data version, else the primary. */
    kpiReads: KpiReads
  }
}

/** The app's KpiReads over the store's pools (`store.readPool`: the replica, when there is one). */
export const kpiReadsPlugin = fp<{ maxWaitMs: number }>(
  async (app, { maxWaitMs }) => {
    app.decorate('kpiReads', new KpiReads({ primary: app.store.pool, replica: app.store.readPool ?? null, maxWaitMs }))
  },
  { name: 'kpi-reads', dependencies: ['store'] },
)

/**
 * Computes a KPI answer's figures on the read replica or the primary (`app.kpiReads`), for the data version the
 * request read on the primary (figureRequest). With a replica, the answer says which one computed it in
 * `x-kpi-read: replica | primary` (absent on a cache hit: nothing was computed).
 */
export async function readKpis<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  figures: { organizationId: number; dataVersion: DataVersion },
  read: (pool: pg.Pool) => Promise<T>,
): Promise<T> {
  const reads = request.server.kpiReads
  const { value, from } = await reads.read(figures.organizationId, figures.dataVersion, read)
  if (reads.replicated) reply.header('x-kpi-read', from)
  return value
}
