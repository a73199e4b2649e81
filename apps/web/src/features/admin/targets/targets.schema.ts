import { z } from 'zod'

// Mirrors apps/api/src/routes/targets/targets.schema.ts.

export const TargetSchema = z.object({
  id: z.number().int(),
  kpiKey: z.string(),
  scope: z.string(),
  periodType: z.enum(['day', 'week', 'month', 'quarter', 'year']),
  periodStart: z.string(),
  value: z.number(),
  version: z.number().int(),
})
export type Target = z.infer<typeof TargetSchema>
export const TargetListSchema = z.object({ targets: z.array(TargetSchema) })
export type TargetList = z.infer<typeof TargetListSchema>
export const CopyForwardResultSchema = z.object({ created: z.array(TargetSchema), skipped: z.number().int() })

/** One grid cell's key: scope × period start. */
export const cellKey = (scope: string, periodStart: string) => `${scope}|${periodStart}`
