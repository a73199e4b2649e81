import { z } from 'zod'

// Mirrors apps/api/src/routes/layout/layout.schema.ts.

export const LayoutAreaSchema = z.object({
  key: z.string(),
  name: z.object({ en: z.string(), nl: z.string() }),
  rank: z.number().int(),
  kpiKeys: z.array(z.string()),
})
export const LayoutSchema = z.object({
  source: z.enum(['stored', 'default']),
  version: z.number().int(),
  areas: z.array(LayoutAreaSchema),
  warnings: z.array(z.object({ area: z.string(), kpiCount: z.number().int(), message: z.string() })),
})
export type Layout = z.infer<typeof LayoutSchema>
export type DraftArea = { key: string; name: { en: string; nl: string }; kpiKeys: string[] }

/** Above this many KPIs an area loses focus (SPEC section 1: the default dashboard shows at most 3 per area). */
export const MAX_FOCUS_KPIS = 3

/** Swaps item i with its neighbour in `direction`; the same list when that would leave the bounds. */
export function move<T>(list: readonly T[], i: number, direction: -1 | 1): T[] {
  const j = i + direction
  if (j < 0 || j >= list.length) return [...list]
  const next = [...list]
  ;[next[i], next[j]] = [next[j]!, next[i]!]
  return next
}
