import { Readable } from 'node:stream'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CsvFile, ExportParams, ExportQuery } from '@kpi/contract/export'
import { csvLine, UTF8_BOM } from '../../csv/write.ts'
import type { EntityName } from '../../records/entity.ts'
import { exportHeader, exportRows } from '../../records/export.db.ts'
import { listQuerySchema, type ListQuery } from '../../records/list-query.ts'
import { organisationTimeZone } from '../../records/records.db.ts'
import { entities } from '../../records/registry.ts'
import { HttpError } from '../../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'

/**
 * GET /api/export/<entity>.csv — the list with the same filters, every matching row (no paging), streamed.
 * UTF-8 with BOM for Excel, `,` delimited with quoting safe for `;` readers, formula injection neutralised;
 * the columns are the import's, so the file imports back unchanged.
 */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export/:entity.csv',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'Export a record list as CSV',
        tags: ['export'],
        params: ExportParams,
        querystring: ExportQuery,
        response: { 200: CsvFile, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const def = entities[request.params.entity as EntityName]
      const user = request.user
      if (!def.roles.read.includes(user.role)) throw new HttpError('forbidden', `your role may not read ${def.entity}`)
      const parsed = listQuerySchema(def).safeParse(request.query)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        throw new HttpError('validation_failed', issue.message, ['query', ...issue.path.map(String)].join('.'))
      }
      const timeZone = await organisationTimeZone(app.store.pool, user.organizationId)
      const rows = exportRows(app.store.pool, def, user, parsed.data as ListQuery, timeZone)
      async function* lines() {
        yield UTF8_BOM + csvLine(exportHeader(def))
        for await (const row of rows) yield csvLine(row)
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${def.entity}.csv"`)
        .send(Readable.from(lines()) as unknown as string)
    },
  )
}
