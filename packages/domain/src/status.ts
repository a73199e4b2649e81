/**
 * KPI status (SPEC section 4): green | orange | red | no-target | no-data, each with an en/nl label and
 * an icon name, because colour is never the only signal (colour-blind users, printouts).
 *
 * Exports: Status, STATUSES, STATUS_LABELS, STATUS_ICONS, StatusResult, kpiStatus, statusChanged.
 */
import type { Direction, Localized } from './kpis/define-kpi.ts'
import { levelFor, type ThresholdSetting } from './thresholds.ts'
import type { KpiValue } from './value.ts'

export const STATUSES = ['green', 'orange', 'red', 'no-target', 'no-data'] as const
export type Status = (typeof STATUSES)[number]

export const STATUS_LABELS: Record<Status, Localized> = {
  green: { en: 'On track', nl: 'Op koers' },
  orange: { en: 'Attention', nl: 'Aandacht' },
  red: { en: 'Critical', nl: 'Kritiek' },
  'no-target': { en: 'No target', nl: 'Geen doel' },
  'no-data': { en: 'No data', nl: 'Geen gegevens' },
}

/** Icon names (lucide) the web app draws beside the colour. */
export const STATUS_ICONS: Record<Status, string> = {
  green: 'circle-check',
  orange: 'triangle-alert',
  red: 'octagon-x',
  'no-target': 'circle-dashed',
  'no-data': 'circle-minus',
}

export type StatusResult = {
  status: Status
  /** The action points of the reached level (empty for no-target / no-data). */
  actions: readonly string[]
}

/**
 * The status of a KPI value. `target` is the comparison target (pro-rated for 'sum' KPIs, see
 * targets.ts targetProgress), null when none is set. Order of checks: no value → 'no-data'; neutral
 * direction, no threshold, or a relative threshold without a target → 'no-target'; else the level.
 */
export function kpiStatus(options: {
  direction: Direction
  value: KpiValue
  threshold: ThresholdSetting | null
  target: number | null
}): StatusResult {
  const { direction, value, threshold, target } = options
  if (value.kind === 'none') return { status: 'no-data', actions: [] }
  if (threshold === null) return { status: 'no-target', actions: [] }
  const level = levelFor({ value: value.value, direction, threshold, target })
  if (level === null) return { status: 'no-target', actions: [] }
  return { status: level, actions: threshold.actions[level] }
}

/** True when an alert is due: the status moved between any two different statuses. */
export function statusChanged(before: Status | null, after: Status): boolean {
  return before !== null && before !== after
}
