import type { FastifyError, FastifyInstance } from 'fastify'

// Optimistic concurrency for every configuration write (thresholds, layout, settings, targets): a write carries
// the version it was based on; `UPDATE … WHERE id = … AND version = …` touching no row means someone else wrote
// first. The answer is 409 with the row as it is now, so the UI can show it and let the user redo their change.
// The shared error shape ({ error, message, field? }) has no room for `current`, so these routes render the
// conflict themselves (versionConflictHandler) and leave every other error to the app's handler.

export class VersionConflict extends Error {
  override name = 'VersionConflict'

  readonly current: unknown
  readonly field: string | undefined

  constructor(message: string, current: unknown, field?: string) {
    super(message)
    this.current = current
    this.field = field
  }
}

/**
 * Registers, for the routes of one plugin, an error handler that answers VersionConflict with 409 and rethrows
 * anything else — Fastify then hands it to the parent (app-wide) handler, so the usual shape and logging apply.
 */
export function handleVersionConflicts(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | VersionConflict, _request, reply) => {
    if (!(error instanceof VersionConflict)) throw error
    const body: Record<string, unknown> = { error: 'version_conflict', message: error.message, current: error.current }
    if (error.field !== undefined) body['field'] = error.field
    return reply.code(409).send(body)
  })
}

type PrismaLikeError = {
  code?: unknown
  meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }
}

/**
 * A unique-constraint violation (a create that collides with an existing key): P2002 from Prisma's model
 * queries, or PostgreSQL's 23505 wrapped in P2010 from a raw query through the pg driver adapter.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, meta } = error as PrismaLikeError
  return code === 'P2002' || (code === 'P2010' && meta?.driverAdapterError?.cause?.originalCode === '23505')
}
