import multipart from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Readable } from 'node:stream'
import { HttpError } from '../../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { eager } from '../../csv/eager.ts'
import { importInTransaction, validateImport, type ImportSink } from '../../csv/import.ts'
import { importers } from '../../csv/importers.ts'
import type { ImportLocale } from '../../csv/importer.ts'
import { parseMapping, type Mapping } from '../../csv/mapping.ts'
import { requestMessages } from '../../csv/messages.ts'
import { organisationTimeZone } from '../../records/records.db.ts'
import { ImportFailed, ImportFields, ImportParams, ImportQuery, ImportReport, ImportResult } from '@kpi/contract/import'
import { assertMayImport, requestLocale } from './import-access.ts'
import { mappingRoutes } from './mappings.routes.ts'

/** 50 MB: about 400,000 deal rows; bigger exports should be split (or loaded with the db CLI). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024

/**
 * POST /api/import/:entity — a CSV as `multipart/form-data` (`file`, optional `mapping` field before it) or as a
 * `text/csv` body (mapping in the query). Dry run (default): the report. Real run: 422 with the report if any
 * row is wrong and nothing written, else all rows upserted in one transaction.
 */
export const importRoutes: FastifyPluginAsyncZod<{ maxBytes?: number }> = async (app, options) => {
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 64 * 1024 } })
  // The CSV body is streamed to the parser, not buffered: hand the raw stream to the handler.
  app.addContentTypeParser(['text/csv', 'text/plain'], (_request, payload, done) => done(null, payload))
  await app.register(mappingRoutes)

  // What a mapping may point at: the import page offers these next to the file's headers.
  app.get(
    '/import/:entity/fields',
    {
      preHandler: app.requireRole('admin', 'manager'),
      schema: {
        summary: 'The fields a CSV column can map onto',
        tags: ['import'],
        params: ImportParams,
        response: { 200: ImportFields, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const { entity } = request.params
      assertMayImport(request.user.role, entity)
      const locale = await requestLocale(request)
      const fields = importers[entity].fields.map(({ name, kind, required, label, hint, allowed }) => ({
        name,
        kind,
        required,
        label: label[locale],
        hint: hint[locale],
        ...(allowed ? { allowed: [...allowed] } : {}),
      }))
      return { entity, fields }
    },
  )

  app.post(
    '/import/:entity',
    {
      preHandler: app.requireRole('admin', 'manager'),
      bodyLimit: maxBytes,
      schema: {
        summary: 'Import a CSV (dry run by default)',
        tags: ['import'],
        params: ImportParams,
        querystring: ImportQuery,
        response: {
          200: ImportReport.or(ImportResult),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          422: ImportFailed,
        },
      },
    },
    async (request, reply) => {
      const { entity } = request.params
      const user = request.user
      assertMayImport(user.role, entity)
      const locale = await requestLocale(request)
      const tooLarge = () => new HttpError('payload_too_large', requestMessages.tooLarge(maxBytes)[locale])
      const length = Number(request.headers['content-length'] ?? 0)
      if (length > maxBytes + 64 * 1024) throw tooLarge()

      const { source, mapping } = await csvSource(request, request.query.mapping, locale)
      const importer = importers[entity]
      const timeZone = await organisationTimeZone(app.store.pool, user.organizationId)
      const validate = (sink?: ImportSink) =>
        validateImport({
          pool: app.store.pool,
          actor: user,
          importer,
          source: eager(source, maxBytes),
          mapping,
          timeZone,
          maxBytes,
          locale,
          ...(sink ? { sink } : {}),
        }).catch((error: unknown) => {
          // The client is still sending the rest of the body, which nobody will read: close the connection
          // after the 413, or a keep-alive client would wait on it forever.
          if ((error as { statusCode?: number }).statusCode !== 413) throw error
          reply.header('connection', 'close')
          // The readers (eager.ts, parse.ts) stop at the limit in English; the person reads it in their language.
          throw tooLarge()
        })
      // Background alert detection waits while the file is read and written: on a large database a detection
      // takes a core for tens of seconds, and the import would share it (alerts/scheduler.ts, `hold`).
      const release = app.alerts?.hold()
      try {
        if (request.query.dryRun) return await validate()
        const outcome = await importInTransaction({ prisma: app.store.prisma, actor: user, importer, validate })
        if (!outcome.ok) {
          const message = `${outcome.report.errorCount} error(s) in the file; nothing was imported`
          return reply.code(422).send({ error: 'validation_failed', message, ...outcome.report })
        }
        return { entity, rows: outcome.report.rows, repeated: outcome.report.repeated, ...outcome.counts }
      } finally {
        release?.()
      }
    },
  )
}

async function csvSource(
  request: FastifyRequest,
  queryMapping: string | undefined,
  locale: ImportLocale,
): Promise<{ source: Readable; mapping: Mapping }> {
  if (request.isMultipart()) {
    const file = await request.file()
    if (!file) throw new HttpError('validation_failed', requestMessages.noFile[locale], 'body.file')
    const field = file.fields['mapping']
    const formMapping = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined
    return {
      source: file.file,
      mapping: parseMapping(formMapping ?? queryMapping, formMapping ? 'body.mapping' : 'query.mapping', locale),
    }
  }
  if (!request.body || typeof (request.body as Readable).pipe !== 'function')
    throw new HttpError('unsupported_media_type', requestMessages.notCsv[locale])
  return { source: request.body as Readable, mapping: parseMapping(queryMapping, 'query.mapping', locale) }
}
