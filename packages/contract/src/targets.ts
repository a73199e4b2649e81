import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import { PERIOD_TYPES } from '@kpi/domain/periods'
import { parseScope } from '@kpi/domain/scope'
import { z } from 'zod'
import { CalendarDate, PeriodDate } from './date.ts'
import { IdParam, Version, VersionParam } from './id.ts'

export const ScopeString = z
  .string()
  .refine(
    (text) => parseScope(text) !== null,
    "a scope: 'org', 'region:<id>', 'team:<id>', 'rep:<id>' or 'customer:<id>'",
  )
export const PeriodTypeParam = z.enum(PERIOD_TYPES)

export const Target = z.object({
  id: z.number().int(),
  kpiKey: z.string(),
  scope: z.string(),
  periodType: PeriodTypeParam,
  periodStart: z.string().describe('first local date of the period (fiscal quarters/years follow the settings)'),
  value: z.number().describe("the full-period target in the KPI's unit"),
  version: z.number().int(),
})
export type Target = z.infer<typeof Target>

export const TargetList = z.object({ targets: z.array(Target) })
export type TargetList = z.infer<typeof TargetList>

export const TargetQuery = z.object({
  scope: ScopeString.optional().describe('only this scope; without it, every scope you may see'),
  period: PeriodTypeParam.optional(),
  kpiKey: z.enum(KPI_KEYS).optional(),
  from: CalendarDate.optional().describe('periodStart ≥ from'),
  to: CalendarDate.optional().describe('periodStart ≤ to'),
})
export type TargetQuery = z.infer<typeof TargetQuery>

export const TargetRow = z.strictObject({
  kpiKey: z.enum(KPI_KEYS),
  scope: ScopeString,
  periodType: PeriodTypeParam,
  periodStart: PeriodDate,
  // numeric(18,4): up to 10^14.
  value: z.number().min(0).max(1e13),
  version: Version.optional().describe('leave out to create; 409 when the target exists'),
})
export type TargetRow = z.infer<typeof TargetRow>

export const TargetsPut = z.strictObject({
  targets: z.array(TargetRow).min(1).max(5000).describe('the grid of scopes × periods, saved all-or-nothing'),
})

export const TargetIdParams = z.object({ id: IdParam })
export const DeleteQuery = z.object({ version: VersionParam })

export const CopyForward = z.strictObject({
  scopes: z.array(ScopeString).min(1).max(500),
  kpiKeys: z.array(z.enum(KPI_KEYS)).min(1).optional().describe('default: every KPI with a target in the period'),
  periodType: PeriodTypeParam,
  periodStart: PeriodDate,
  count: z.number().int().min(1).max(24).describe('how many following periods receive a copy'),
})
export type CopyForward = z.infer<typeof CopyForward>

export const CopyForwardResult = z.object({
  created: z.array(Target),
  skipped: z.number().int().describe('periods that already had a target for the KPI and scope (never overwritten)'),
})
