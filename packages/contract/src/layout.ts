import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import { z } from 'zod'
import { Version } from './id.ts'

const Name = z.strictObject({ en: z.string().trim().min(1).max(80), nl: z.string().trim().min(1).max(80) })

export const LayoutArea = z.object({
  key: z.string(),
  name: z.object({ en: z.string(), nl: z.string() }),
  /** 1 = shown first. */
  rank: z.number().int(),
  kpiKeys: z.array(z.string()),
})

export const LayoutWarning = z.object({ area: z.string(), kpiCount: z.number().int(), message: z.string() })

export const Layout = z.object({
  source: z.enum(['stored', 'default']).describe('default: nothing stored yet, the SPEC section 2 layout'),
  version: z.number().int().describe('the layout version (0 = the default); send it back with PUT'),
  areas: z.array(LayoutArea),
  warnings: z.array(LayoutWarning).describe('areas with more than 3 KPIs: focus beats volume (SPEC section 1)'),
})
export type Layout = z.infer<typeof Layout>

export const LayoutPut = z.strictObject({
  // 0: nothing stored yet (the default layout).
  version: z.union([z.literal(0), Version]),
  areas: z
    .array(
      z.strictObject({
        key: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, starting with a letter'),
        name: Name,
        kpiKeys: z.array(z.enum(KPI_KEYS)).max(KPI_KEYS.length),
      }),
    )
    .min(1)
    .max(12)
    .describe('the whole layout, in display order'),
})
export type LayoutPut = z.infer<typeof LayoutPut>
