import { z } from 'zod'
import { FigureQuery } from './dashboard.ts'
import { ENTITY_NAMES } from './records.ts'

/** Every export answers a CSV file (UTF-8 with BOM). */
export const CsvFile = z.string().describe('text/csv')

export const ExportParams = z.object({ entity: z.enum(ENTITY_NAMES) })
// Validated per entity by the API (the filters differ); paging parameters are ignored.
export const ExportQuery = z.record(z.string(), z.string())

export const KpiExportParams = z.object({ key: z.string().max(64) })

export const BREAKDOWNS = ['rep', 'segment', 'product', 'channel'] as const

export const BreakdownExportQuery = FigureQuery.extend({
  by: z.enum(BREAKDOWNS).optional().describe('only this breakdown (and the total); default all'),
})

export const RecordsExportQuery = FigureQuery.extend({
  sort: z.string().max(40).optional().describe("one of the table's sortable fields, '-' first for descending"),
})
