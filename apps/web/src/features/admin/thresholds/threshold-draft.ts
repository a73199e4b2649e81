import type { Threshold } from '@kpi/contract/thresholds'

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
