import { z } from 'zod'
import { PERIOD_TYPES } from '../lib/figures/dashboard.queries.ts'
import { PAGE_SIZES } from '../features/kpi-detail/kpi-detail.queries.ts'

// What the URL's query string may hold, per route. A value that does not parse is dropped (the page falls back
// to its default), as a hand-edited or old link should still open the page rather than an error.
// The router keeps values as plain strings (router.tsx), so numbers are coerced here.

/** Scope (empty: the API's default for the user), period type and a date inside the period. */
export const FigureSearch = z.object({
  scope: z.string().optional().catch(undefined),
  period: z.enum(PERIOD_TYPES).optional().catch(undefined),
  date: z.string().optional().catch(undefined),
})
export type FigureSearch = z.infer<typeof FigureSearch>

/** The KPI detail's records table: page, page size and sort ("amount", "-amount"), beside the figures. */
export const KpiDetailSearch = FigureSearch.extend({
  page: z.coerce.number().int().positive().optional().catch(undefined),
  pageSize: z.coerce
    .number()
    .refine((size) => (PAGE_SIZES as readonly number[]).includes(size))
    .optional()
    .catch(undefined),
  sort: z.string().optional().catch(undefined),
})
export type KpiDetailSearch = z.infer<typeof KpiDetailSearch>

/** The wallboard: the figures plus how many seconds each focus area stays (use-cycle.ts clamps it). */
export const WallboardSearch = FigureSearch.extend({
  every: z.string().optional().catch(undefined),
})
export type WallboardSearch = z.infer<typeof WallboardSearch>
