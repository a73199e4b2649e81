/**
 * GET /api/dashboard: the query every figure route shares, and the dashboard and KPI-detail answers.
 * Everything is plain JSON: instants as ISO strings, money in currency units, no value as a reason.
 */
import { PERIOD_TYPES } from '@kpi/domain/periods'
import { parseScope } from '@kpi/domain/scope'
import { STATUSES } from '@kpi/domain/status'
import { NO_VALUE_REASONS, type KpiValue } from '@kpi/domain/value'
import { z } from 'zod'
import { PeriodDate } from './date.ts'

export const ScopeQuery = z
  .string()
  .refine(
    (text) => parseScope(text) !== null,
    "a scope: 'org', 'region:<id>', 'team:<id>', 'rep:<id>' or 'customer:<id>'",
  )
  .optional()
  .describe('default: your own — rep:<you> for reps, your first team for managers, org for admins')

/** The query every figure route shares: scope, period type, a date inside the period, language of the names. */
export const FigureQuery = z.object({
  scope: ScopeQuery,
  period: z.enum(PERIOD_TYPES).default('month'),
  date: PeriodDate.optional().describe("any date inside the period; default today in the organisation's time zone"),
  locale: z.enum(['en', 'nl']).default('en'),
})
export type FigureQuery = z.infer<typeof FigureQuery>

// From the domain's own lists, so a reason or status added there cannot make a response fail validation.
const NoValueReason = z.enum(NO_VALUE_REASONS)

/**
 * A KPI value (domain KpiValue): a number in the KPI's unit, or no value with a reason; details (breakdowns,
 * variants, comparisons) beside it, each itself a KPI value.
 */
export const KpiValueSchema: z.ZodType<KpiValue> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('value'), value: z.number(), details: z.array(DetailSchema).optional() }),
    z.object({ kind: z.literal('none'), reason: NoValueReason, details: z.array(DetailSchema).optional() }),
  ]),
)

const DetailSchema = z.object({ key: z.string(), value: KpiValueSchema })

export const SpanSchema = z.object({
  start: z.string().describe('ISO instant, inclusive'),
  end: z.string().describe('ISO instant, exclusive'),
  startDate: z.string(),
  endDate: z.string().describe('first local date after the span'),
})

export const PeriodSchema = SpanSchema.extend({ type: z.string(), label: z.string() })

export const StatusSchema = z.enum(STATUSES)

export const TrendPointSchema = z.object({
  label: z.string(),
  start: z.string(),
  end: z.string(),
  value: z.number().nullable().describe('null without a value, and for a period that has not started'),
  target: z.number().nullable().describe('the full target of the period'),
  running: z.boolean().describe('true for the period that runs now: its value is so far, not final'),
  throughDate: z.string().nullable().describe('running only: the last local date the value counts (today)'),
  targetToDate: z
    .number()
    .nullable()
    .describe('running sum KPIs with a target: the target pro-rated by working days to today'),
})
export type TrendPoint = z.infer<typeof TrendPointSchema>

export const BreakdownRowSchema = z.object({
  key: z.string().describe("'rep:7'"),
  name: z.string(),
  value: KpiValueSchema,
})

/** One rep of the KPI detail's leaderboard: the rep's value, full target for the period and status. */
export const LeaderboardRowSchema = BreakdownRowSchema.extend({
  target: z.number().nullable().describe("the rep's own target, or their share of the team's (team scopes)"),
  status: StatusSchema,
})

export const TargetSchema = z.object({
  full: z.number().describe('the target for the whole period'),
  comparison: z.number().describe('pro-rated by working days for sum KPIs, else the full target'),
  source: z
    .enum(['own', 'team-split', 'team'])
    .describe("the scope's own target, the rep's share of the team target (sum KPIs), or the team's (level KPIs)"),
  derivedFrom: z
    .array(z.object({ type: z.string(), label: z.string(), startDate: z.string() }))
    .optional()
    .describe(
      'day and week targets nobody set: the month (quarter, year) targets it is derived from by working days; absent for a target set for the period itself',
    ),
  attainmentPercent: z.number().nullable(),
  gapToComparison: z.number().nullable().describe('≤ 0: on or ahead of the pro-rated target; null without a value'),
  gapToFull: z.number().nullable(),
  pacePerDay: KpiValueSchema.describe('still needed per remaining working day (sum KPIs, higher is better)'),
})

/**
 * Where the threshold levels begin, in the KPI's unit (relative thresholds converted with the comparison target).
 * higher is better: green ≥ greenFrom, orange ≥ orangeFrom, red below; lower is better: green ≤ greenFrom,
 * orange ≤ orangeFrom, red above. The gauge and the bullet graph draw them as bands.
 */
export const BandsSchema = z.object({ greenFrom: z.number(), orangeFrom: z.number() })

export const DashboardKpiSchema = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  direction: z.enum(['higher', 'lower', 'neutral']),
  accumulation: z.enum(['sum', 'level']),
  format: z.object({ maximumFractionDigits: z.number(), signed: z.boolean().optional() }),
  value: KpiValueSchema,
  previous: z.object({ value: KpiValueSchema, delta: z.number().nullable(), span: SpanSchema }),
  lastYear: z.object({ value: KpiValueSchema, delta: z.number().nullable(), span: SpanSchema }),
  target: TargetSchema.nullable(),
  forecast: KpiValueSchema.nullable().describe('run-rate for sum KPIs, the current value for level KPIs'),
  pipelineForecast: z.number().nullable().describe('revenue only: won so far + weighted pipeline closing in P'),
  status: StatusSchema,
  bands: BandsSchema.nullable().describe('null: no threshold, a neutral KPI, or a relative threshold without a target'),
  actions: z.array(z.string()),
  trend: z.array(TrendPointSchema),
  breakdown: z.array(BreakdownRowSchema).optional(),
})

const WorkingDaysSchema = z.object({ total: z.number(), elapsed: z.number(), remaining: z.number() })

export const DashboardSchema = z.object({
  scope: z.string(),
  scopeName: z
    .string()
    .nullable()
    .describe("the region's, team's, rep's or customer's name; null for the organisation"),
  period: PeriodSchema,
  now: z.string(),
  running: z.boolean(),
  workingDays: WorkingDaysSchema,
  focusAreas: z.array(
    z.object({ key: z.string(), name: z.string(), rank: z.number(), kpis: z.array(DashboardKpiSchema) }),
  ),
})

export const KpiDetailSchema = z.object({
  scope: z.string(),
  scopeName: z
    .string()
    .nullable()
    .describe("the region's, team's, rep's or customer's name; null for the organisation"),
  period: PeriodSchema,
  now: z.string(),
  /** Working days of the period (for the pace a person can act on, as on the dashboard). */
  workingDays: WorkingDaysSchema,
  kpi: DashboardKpiSchema,
  /** Per rep (team and org scopes); a rep sees only their own line unless the team leaderboard is on. */
  byRep: z.array(LeaderboardRowSchema),
  /** Won revenue / deal KPIs per customer segment and product category, where the KPI reads deals. */
  bySegment: z.array(BreakdownRowSchema),
  byProductCategory: z.array(BreakdownRowSchema),
  /** Lead KPIs per lead channel (the lead's source: web, referral, event, …). */
  byChannel: z.array(BreakdownRowSchema),
})

export type Dashboard = z.infer<typeof DashboardSchema>
export type DashboardKpi = z.infer<typeof DashboardKpiSchema>
export type Bands = z.infer<typeof BandsSchema>
export type KpiDetail = z.infer<typeof KpiDetailSchema>
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>
export type LeaderboardRow = z.infer<typeof LeaderboardRowSchema>
