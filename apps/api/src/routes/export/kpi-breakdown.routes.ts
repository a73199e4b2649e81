import type { Period } from '@kpi/domain/periods'
import { printScope, type Scope } from '@kpi/domain/scope'
import type { KpiValue } from '@kpi/domain/value'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { BreakdownExportQuery, CsvFile, KpiExportParams, type BREAKDOWNS } from '@kpi/contract/export'
import { csvLine, UTF8_BOM } from '../../csv/write.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { kpiDetail } from '../../kpi/dashboard.ts'
import type { BreakdownRow, LeaderboardRow } from '@kpi/contract/dashboard'
import { readKpis } from '../../read-replica/kpi-reads.plugin.ts'
import { figureRequest } from '../dashboard/figure-request.ts'

export const BREAKDOWN_HEADER = ['kpi', 'scope', 'period', 'breakdown', 'key', 'name', 'value', 'noValueReason']
/** Rep lines also carry the rep's target and status (the leaderboard). */
const LEADERBOARD_COLUMNS = ['target', 'status']

const valueCells = (value: KpiValue) => (value.kind === 'value' ? [value.value, ''] : ['', value.reason])

/** `revenue.won-team-3-2026-03-breakdown.csv`: only word characters, dots and dashes (a safe header value). */
export function exportFileName(key: string, kind: string, figures: { scope: Scope; period: Period }): string {
  return `${key}-${printScope(figures.scope).replace(':', '-')}-${figures.period.label}-${kind}.csv`.replace(
    /[^\w.-]/g,
    '_',
  )
}

/**
 * GET /api/export/kpis/:key/breakdown.csv?scope=&period=&date=&by= — the KPI detail as a sheet: the total, then
 * one line per rep (with target and status), customer segment, product category and lead channel; `by` keeps
 * one of them. The same access checks as the KPI detail page (figureRequest → assertCanView, a rep's leaderboard
 * rule), and the same numbers (kpiDetail). Values are in the KPI's unit, unformatted, so a spreadsheet can
 * compute with them; a KPI without a value leaves the cell empty and gives the reason.
 */
export const kpiBreakdownExportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/export/kpis/:key/breakdown.csv',
    {
      preHandler: app.authenticate,
      schema: {
        summary: 'Export a KPI breakdown as CSV',
        tags: ['export'],
        params: KpiExportParams,
        querystring: BreakdownExportQuery,
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
      const { pool } = app.store
      const { key } = request.params
      const figures = await figureRequest(pool, request.user, request.query, new Date())
      const detail = await readKpis(request, reply, figures, (read) =>
        kpiDetail({ pool: read }, { ...figures, key, viewer: request.user }),
      )
      const common = [key, detail.scope, detail.period.label]
      const lines = [
        UTF8_BOM + csvLine([...BREAKDOWN_HEADER, ...LEADERBOARD_COLUMNS]),
        csvLine([
          ...common,
          'total',
          detail.scope,
          '',
          ...valueCells(detail.kpi.value),
          detail.kpi.target?.full,
          detail.kpi.status,
        ]),
      ]
      const groups: [string, (typeof BREAKDOWNS)[number], (BreakdownRow | LeaderboardRow)[]][] = [
        ['rep', 'rep', detail.byRep],
        ['segment', 'segment', detail.bySegment],
        ['productCategory', 'product', detail.byProductCategory],
        ['channel', 'channel', detail.byChannel],
      ]
      for (const [breakdown, by, rows] of groups) {
        if (request.query.by !== undefined && request.query.by !== by) continue
        for (const row of rows) {
          const extra = 'status' in row ? [row.target, row.status] : []
          lines.push(csvLine([...common, breakdown, row.key, row.name, ...valueCells(row.value), ...extra]))
        }
      }
      const file = exportFileName(key, request.query.by ?? 'breakdown', figures)
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${file}"`)
        .send(lines.join(''))
    },
  )
}
