import { z } from 'zod'
import { BreakdownRowSchema, DashboardKpiSchema, PeriodSchema } from '../../lib/figures/dashboard.schema.ts'

// Mirrors GET /api/kpis/:key (apps/api/src/kpi/dashboard.schema.ts KpiDetailSchema + routes/kpis RecordsPage);
// only the fields the page reads.
const STATUSES = ['green', 'orange', 'red', 'no-target', 'no-data'] as const

export const LeaderboardRowSchema = BreakdownRowSchema.extend({
  target: z.number().nullable(),
  status: z.enum(STATUSES),
})

export const RecordsPageSchema = z.object({
  entity: z.string(),
  items: z.array(z.record(z.string(), z.unknown())),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  sort: z.string(),
  sortable: z.array(z.string()),
})

export const KpiDetailSchema = z.object({
  scope: z.string(),
  scopeName: z.string().nullable(),
  period: PeriodSchema,
  kpi: DashboardKpiSchema.extend({
    lastYear: z.object({
      value: DashboardKpiSchema.shape.value,
      delta: z.number().nullable(),
      span: z.object({ startDate: z.string(), endDate: z.string() }),
    }),
  }),
  byRep: z.array(LeaderboardRowSchema),
  bySegment: z.array(BreakdownRowSchema),
  byProductCategory: z.array(BreakdownRowSchema),
  byChannel: z.array(BreakdownRowSchema),
  records: RecordsPageSchema.nullable(),
})

export type KpiDetail = z.infer<typeof KpiDetailSchema>
export type LeaderboardRow = z.infer<typeof LeaderboardRowSchema>
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>
export type RecordsPage = z.infer<typeof RecordsPageSchema>
