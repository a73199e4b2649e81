import fp from 'fastify-plugin'
import type pg from 'pg'
import type { PrismaClient } from '@kpi/db/generated/prisma/client'

/**
 * What routes need from the store: the `pg` pool for hand-written SQL (aggregates, health) and Prisma for the
 * rest. server.ts opens and closes the store (it may own an embedded PostgreSQL); the app only borrows it, so
 * closing the app never closes the database underneath another test or a shutdown in progress.
 */
export type AppStore = {
  pool: pg.Pool
  prisma: PrismaClient
  /** A streaming read replica for the KPI answers' aggregates only (read-replica/); absent: the primary. */
  readPool?: pg.Pool | null
}

declare module 'fastify' {
  interface FastifyInstance {
    store: AppStore
  }
}

export const storePlugin = fp<{ store: AppStore }>(
  async (app, { store }) => {
    app.decorate('store', store)
  },
  { name: 'store' },
)
