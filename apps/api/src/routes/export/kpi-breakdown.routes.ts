import type { KpiValue } from '@kpi/domain/value'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { csvLine, UTF8_BOM } from '../../csv/write.ts'
import { ErrorBody } from '../../http-errors.ts'
import { kpiDetail } from '../../kpi/dashboard.ts'
import { figureRequest } from '../dashboard/figure-request.ts'
import { FigureQuery } from '../dashboard/dashboard.schema.ts'

export const BREAKDOWN_HEADER = ['kpi', 'scope', 'period', 'breakdown', 'key', 'name', 'value', 'noValueReason']

const valueCells = (value: KpiValue) => (value.kind === 'value' ? [value.value, ''] : ['', value.reason])

/**
 * GET /api/export/kpis/:key/breakdown.csv?scope=&period=&date= — the KPI detail as a sheet: the total, then
 * one line per rep, customer segment and product category. The same access checks as the KPI detail page
 * (figureRequest → assertCanView), and the same numbers (kpiDetail). Values are in the KPI's unit, unformatted,
 * so a spreadsheet can compute with them; a KPI without a value leaves the cell empty and gives the reason.
 */
export const kpiBreakdownExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export/kpis/:key/breakdown.csv',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'Export a KPI breakdown as CSV',
        tags: ['export'],
        params: z.object({ key: z.string() }),
        querystring: FigureQuery,
        response: {
          200: z.string().describe('text/csv'),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { pool } = app.store
      const figures = await figureRequest(pool, request.user, request.query, new Date())
      const detail = await kpiDetail({ pool }, { ...figures, key: request.params.key })
      const common = [request.params.key, detail.scope, detail.period.label]
      const lines = [
        UTF8_BOM + csvLine(BREAKDOWN_HEADER),
        csvLine([...common, 'total', detail.scope, '', ...valueCells(detail.kpi.value)]),
      ]
      const groups = [
        ['rep', detail.byRep],
        ['segment', detail.bySegment],
        ['productCategory', detail.byProductCategory],
      ] as const
      for (const [breakdown, rows] of groups)
        for (const row of rows) lines.push(csvLine([...common, breakdown, row.key, row.name, ...valueCells(row.value)]))
      const file = `${request.params.key}-${detail.scope.replace(':', '-')}-${detail.period.label}.csv`.replace(
        /[^\w.-]/g,
        '_',
      )
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(lines.join(''))
    },
  )
}
