import type { Threshold } from '@kpi/contract/thresholds'

/** What the form edits: numbers stay strings while typed so "7" → "75" never flickers through a parse. */
export type ThresholdDraft = {
  mode: 'relative' | 'absolute'
  greenFrom: string
  orangeFrom: string
  /** One action point per line, in English and in Dutch (a reader sees theirs, else the other: decision 36). */
  actions: DraftActions
  actionsNl: DraftActions
}
type DraftActions = { green: string; orange: string; red: string }

const joined = (a: Threshold['actions']): DraftActions => ({
  green: a.green.join('\n'),
  orange: a.orange.join('\n'),
  red: a.red.join('\n'),
})

export function toDraft(t: Threshold): ThresholdDraft {
  return {
    mode: t.mode,
    greenFrom: String(t.greenFrom),
    orangeFrom: String(t.orangeFrom),
    actions: joined(t.actions),
    actionsNl: joined(t.actionsNl),
  }
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')

const split = (a: DraftActions) => ({ green: lines(a.green), orange: lines(a.orange), red: lines(a.red) })

/** The PUT body; version undefined creates (the API answers 409 when one exists already). */
export function toPutBody(draft: ThresholdDraft, version: number | null) {
  return {
    mode: draft.mode,
    greenFrom: Number(draft.greenFrom),
    orangeFrom: Number(draft.orangeFrom),
    actions: split(draft.actions),
    actionsNl: split(draft.actionsNl),
    ...(version === null ? {} : { version }),
  }
}
