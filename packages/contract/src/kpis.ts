import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import { SCOPE_TYPES } from '@kpi/domain/scope'
import { z } from 'zod'
import { FigureQuery, KpiDetailSchema } from './dashboard.ts'

const Localized = z.object({ en: z.string(), nl: z.string() })

export const CatalogEntry = z.object({
  key: z.enum(KPI_KEYS),
  name: Localized,
  description: Localized,
  unit: z.string(),
  direction: z.enum(['higher', 'lower', 'neutral']),
  kind: z.enum(['leading', 'lagging']),
  area: z.string().describe('the focus area it belongs to by default'),
  scopes: z.array(z.enum(SCOPE_TYPES)),
  accumulation: z.enum(['sum', 'level']),
  format: z.object({ maximumFractionDigits: z.number(), signed: z.boolean().optional() }),
})

export const Catalog = z.object({ kpis: z.array(CatalogEntry) })

export const MAX_RECORDS_PAGE_SIZE = 200

export const KpiDetailQuery = FigureQuery.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_RECORDS_PAGE_SIZE).default(50),
  sort: z.string().max(40).optional().describe("one of the table's sortable fields, '-' first for descending"),
})

export const KpiParams = z.object({ key: z.string().max(64) })

export const RecordsPage = z.object({
  entity: z.string().describe('the table the rows come from: deals, leads, activities, customers, surveys, costs'),
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  sort: z.string(),
  sortable: z.array(z.string()).describe("the fields the rows sort by; '-' first for descending"),
})
export type RecordsPage = z.infer<typeof RecordsPage>

export const KpiDetailWithRecords = KpiDetailSchema.extend({
  records: RecordsPage.nullable().describe("null when your role may not list that table's rows"),
})
export type KpiDetailWithRecords = z.infer<typeof KpiDetailWithRecords>
