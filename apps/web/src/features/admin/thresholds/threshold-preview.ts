import { levelFor, thresholdBands, validateThreshold } from '@kpi/domain/thresholds'
import type { Direction } from '@kpi/domain/kpis/define-kpi'
import type { GaugeStatus } from '../../../components/gauge/gauge-status.ts'
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

/** Domain validation as field → message, so each message sits under its input before anything is sent. */
export function draftErrors(draft: ThresholdDraft, direction: Direction): Record<string, string> {
  const errors: Record<string, string> = {}
  const greenFrom = num(draft.greenFrom)
  const orangeFrom = num(draft.orangeFrom)
  if (greenFrom === null) errors['greenFrom'] = 'greenFrom must be a number'
  if (orangeFrom === null) errors['orangeFrom'] = 'orangeFrom must be a number'
  if (greenFrom === null || orangeFrom === null) return errors
  const setting = { mode: draft.mode, greenFrom, orangeFrom, actions: { green: [], orange: [], red: [] } }
  for (const message of validateThreshold(setting, direction)) {
    const field = message.startsWith('orangeFrom') ? 'orangeFrom' : 'greenFrom'
    errors[field] ??= message
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
