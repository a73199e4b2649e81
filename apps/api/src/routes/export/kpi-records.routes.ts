import { Readable } from 'node:stream'
import { isKpiKey } from '@kpi/domain/kpis/keys'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CsvFile, KpiExportParams, RecordsExportQuery } from '@kpi/contract/export'
import { csvLine, UTF8_BOM } from '../../csv/write.ts'
import { HttpError } from '../../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { exportHeader, exportSelection } from '../../records/export.db.ts'
import { figureRequest } from '../dashboard/figure-request.ts'
import { recordsSql, sortsFor } from '../kpis/kpi-records.db.ts'
import { exportFileName } from './kpi-breakdown.routes.ts'

/**
 * GET /api/export/kpis/:key/records.csv?scope=&period=&date=&sort= — every row behind the KPI detail's number
 * (no paging), with the detail's access checks (figureRequest → assertCanView, then the record layer's
 * visibility: a rep lists only their own rows) and the entity export's columns, BOM and formula-injection escaping.
 */
export const kpiRecordsExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export/kpis/:key/records.csv',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'Export the records behind a KPI as CSV',
        tags: ['export'],
        params: KpiExportParams,
        querystring: RecordsExportQuery,
        response: {
          200: CsvFile,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { key } = request.params
      const { query, user } = request
      if (!isKpiKey(key)) throw new HttpError('not_found', `unknown KPI ${key}`, 'params.key')
      if (query.sort !== undefined && !sortsFor(key).includes(query.sort)) {
        throw new HttpError('validation_failed', `sort must be one of ${sortsFor(key).join(', ')}`, 'query.sort')
      }
      const { pool } = app.store
      const figures = await figureRequest(pool, user, query, new Date())
      const { scope, period, now, periodSettings: settings } = figures
      const sql = recordsSql(user, { key, scope, period, now, settings, sort: query.sort })
      if (sql === null) throw new HttpError('forbidden', `your role may not list the rows behind ${key}`)
      const rows = exportSelection(pool, sql.def, sql)
      async function* lines() {
        yield UTF8_BOM + csvLine(exportHeader(sql!.def))
        for await (const row of rows) yield csvLine(row)
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${exportFileName(key, 'records', figures)}"`)
        .send(Readable.from(lines()) as unknown as string)
    },
  )
}
