import { z } from 'zod'

// Mirrors apps/api/src/routes/thresholds/thresholds.schema.ts (the web bundle never imports API code).

export const ThresholdSchema = z.object({
  id: z.number().int().nullable(),
  kpiKey: z.string(),
  scope: z.string(),
  teamId: z.number().int().nullable(),
  source: z.enum(['stored', 'builtin']),
  mode: z.enum(['relative', 'absolute']),
  greenFrom: z.number(),
  orangeFrom: z.number(),
  actions: z.object({ green: z.array(z.string()), orange: z.array(z.string()), red: z.array(z.string()) }),
  version: z.number().int().nullable(),
})
export type Threshold = z.infer<typeof ThresholdSchema>

export const KpiThresholdsSchema = z.object({
  kpiKey: z.string(),
  direction: z.enum(['higher', 'lower', 'neutral']),
  orgDefault: ThresholdSchema.nullable(),
  teamOverrides: z.array(ThresholdSchema),
})
export type KpiThresholds = z.infer<typeof KpiThresholdsSchema>

export const ThresholdListSchema = z.object({ thresholds: z.array(KpiThresholdsSchema) })

/** What the form edits: numbers stay strings while typed so "7" → "75" never flickers through a parse. */
export type ThresholdDraft = {
  mode: 'relative' | 'absolute'
  greenFrom: string
  orangeFrom: string
  actions: { green: string; orange: string; red: string }
}

export function toDraft(t: Threshold): ThresholdDraft {
  return {
    mode: t.mode,
    greenFrom: String(t.greenFrom),
    orangeFrom: String(t.orangeFrom),
    actions: { green: t.actions.green.join('\n'), orange: t.actions.orange.join('\n'), red: t.actions.red.join('\n') },
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')

/** The PUT body; version undefined creates (the API answers 409 when one exists already). */
export function toPutBody(draft: ThresholdDraft, version: number | null) {
  return {
    mode: draft.mode,
    greenFrom: Number(draft.greenFrom),
    orangeFrom: Number(draft.orangeFrom),
    actions: { green: lines(draft.actions.green), orange: lines(draft.actions.orange), red: lines(draft.actions.red) },
    ...(version === null ? {} : { version }),
  }
}
