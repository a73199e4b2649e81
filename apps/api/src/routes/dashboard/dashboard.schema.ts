import { PERIOD_TYPES } from '@kpi/domain/periods'
import { parseScope } from '@kpi/domain/scope'
import { z } from 'zod'
import { PeriodDate } from '../../date.schema.ts'

export const ScopeQuery = z
  .string()
  .refine((text) => parseScope(text) !== null, "a scope: 'org', 'team:<id>', 'rep:<id>' or 'customer:<id>'")
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
