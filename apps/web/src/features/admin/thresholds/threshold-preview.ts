import { levelFor, thresholdBands, thresholdIssues } from '@kpi/domain/thresholds'
import type { Direction } from '@kpi/domain/kpis/define-kpi'
import type { GaugeStatus } from '../../../components/gauge/gauge-status.ts'
import { ruleMessage, type FieldWords } from '../../../lib/field-errors.ts'
import type { ThresholdDraft } from './threshold-draft.ts'

const num = (text: string): number | null => {
  if (text.trim() === '') return null
  const n = Number(text.replace(',', '.'))
  return Number.isFinite(n) ? n : null
}

/** Parses a typed number, accepting a decimal comma (Dutch keyboards); null when empty or not a number. */
export const parseNumber = num

/**
 * The gauge status a sample value would get under the threshold being typed — the same `levelFor` the API uses,
 * so the preview cannot disagree with the dashboard. 'no-data' while the draft or the sample is incomplete.
 */
export function previewStatus(options: {
  draft: ThresholdDraft
  direction: Direction
  sampleValue: string
  sampleTarget: string
}): GaugeStatus {
  const { draft, direction } = options
  const greenFrom = num(draft.greenFrom)
  const orangeFrom = num(draft.orangeFrom)
  const value = num(options.sampleValue)
  if (greenFrom === null || orangeFrom === null || value === null) return 'no-data'
  const target = num(options.sampleTarget)
  const threshold = { mode: draft.mode, greenFrom, orangeFrom, actions: { green: [], orange: [], red: [] } }
  const level = levelFor({ value, direction, threshold, target })
  return level ?? 'no-target'
}

/**
 * Domain validation as field → a sentence in the reader's language naming the input's label, so each sits under
 * its input before anything is sent (the same rules and wording the API's 400 gets).
 */
export function draftErrors(draft: ThresholdDraft, direction: Direction, words: FieldWords): Record<string, string> {
  const errors: Record<string, string> = {}
  const greenFrom = num(draft.greenFrom)
  const orangeFrom = num(draft.orangeFrom)
  const word = (field: string, rule: string) => ruleMessage(words, { field, rule }) ?? rule
  if (greenFrom === null) errors['greenFrom'] = word('greenFrom', 'threshold.not-finite')
  if (orangeFrom === null) errors['orangeFrom'] = word('orangeFrom', 'threshold.not-finite')
  if (greenFrom === null || orangeFrom === null) return errors
  const setting = { mode: draft.mode, greenFrom, orangeFrom, actions: { green: [], orange: [], red: [] } }
  for (const issue of thresholdIssues(setting, direction)) {
    const field = issue.field === 'orangeFrom' ? 'orangeFrom' : 'greenFrom'
    errors[field] ??= word(issue.field, `threshold.${issue.rule}`)
  }
  return errors
}

/** The bands the preview gauge draws: the domain's thresholdBands of the draft, null while it is incomplete. */
export function previewBands(options: { draft: ThresholdDraft; direction: Direction; sampleTarget: string }) {
  const greenFrom = num(options.draft.greenFrom)
  const orangeFrom = num(options.draft.orangeFrom)
  if (greenFrom === null || orangeFrom === null) return null
  const threshold = { mode: options.draft.mode, greenFrom, orangeFrom, actions: { green: [], orange: [], red: [] } }
  return thresholdBands({ direction: options.direction, threshold, target: num(options.sampleTarget) })
}
