import { z } from 'zod'

// Mirrors apps/api/src/kpi/dashboard.schema.ts; only the fields the web app reads, unknown keys pass through.
const STATUSES = ['green', 'orange', 'red', 'no-target', 'no-data'] as const

export type KpiValue =
  | { kind: 'value'; value: number; details?: { key: string; value: KpiValue }[] | undefined }
  | { kind: 'none'; reason: string; details?: { key: string; value: KpiValue }[] | undefined }

export const KpiValueSchema: z.ZodType<KpiValue> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), value: z.number(), details: z.array(DetailSchema).optional() }),
    z.object({ kind: z.literal('none'), reason: z.string(), details: z.array(DetailSchema).optional() }),
  ]),
)
const DetailSchema = z.object({ key: z.string(), value: KpiValueSchema })

const SpanSchema = z.object({ start: z.string(), end: z.string(), startDate: z.string(), endDate: z.string() })
export const PeriodSchema = SpanSchema.extend({ type: z.string(), label: z.string() })

export const TrendPointSchema = z.object({
  label: z.string(),
  start: z.string(),
  end: z.string(),
  value: z.number().nullable(),
  target: z.number().nullable(),
})

export const BreakdownRowSchema = z.object({ key: z.string(), name: z.string(), value: KpiValueSchema })

export const DashboardKpiSchema = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['higher', 'lower', 'neutral']),
  accumulation: z.enum(['sum', 'level']),
  format: z.object({ maximumFractionDigits: z.number(), signed: z.boolean().optional() }),
  value: KpiValueSchema,
  previous: z.object({ value: KpiValueSchema, delta: z.number().nullable() }),
  lastYear: z.object({ value: KpiValueSchema, delta: z.number().nullable() }),
  target: z
    .object({
      full: z.number(),
      comparison: z.number(),
      attainmentPercent: z.number().nullable(),
      gapToFull: z.number().nullable(),
      pacePerDay: KpiValueSchema,
    })
    .nullable(),
  forecast: KpiValueSchema.nullable(),
  status: z.enum(STATUSES),
  actions: z.array(z.string()),
  trend: z.array(TrendPointSchema),
})

export const DashboardSchema = z.object({
  scope: z.string(),
  period: PeriodSchema,
  now: z.string(),
  running: z.boolean(),
  workingDays: z.object({ total: z.number(), elapsed: z.number(), remaining: z.number() }),
  focusAreas: z.array(
    z.object({ key: z.string(), name: z.string(), rank: z.number(), kpis: z.array(DashboardKpiSchema) }),
  ),
})

export type Dashboard = z.infer<typeof DashboardSchema>
export type DashboardKpi = z.infer<typeof DashboardKpiSchema>
