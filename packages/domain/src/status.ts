/**
 * KPI status (SPEC section 4): green | orange | red | no-target | no-data, plus not-started for a period that
 * has not begun (nothing to judge yet: no colour, no action points, no alert; docs/decisions/0032). The labels
 * and icons that go with each (colour is never the only signal) are the web app's, in its own language
 * (docs/decisions/0014).
 *
 * Exports: Status, STATUSES, StatusResult, kpiStatus, statusChanged.
 */
import type { Direction } from './kpis/define-kpi.ts'
import { levelFor, type ThresholdSetting } from './thresholds.ts'
import type { KpiValue } from './value.ts'

export const STATUSES = ['green', 'orange', 'red', 'no-target', 'no-data', 'not-started'] as const
export type Status = (typeof STATUSES)[number]

export type StatusResult = {
  status: Status
  /** The action points of the reached level (empty for no-target / no-data / not-started). */
  actions: readonly string[]
}

/**
 * The status of a KPI value. `target` is the comparison target (pro-rated for 'sum' KPIs, see
 * targets.ts targetProgress), null when none is set. `started` is false for a period that begins after now.
 * Order of checks: not started → 'not-started' (a future period's empty figures are not a failure); no value →
 * 'no-data'; neutral direction, no threshold, or a relative threshold without a target → 'no-target'; else the
 * level.
 */
export function kpiStatus(options: {
  direction: Direction
  value: KpiValue
  threshold: ThresholdSetting | null
  target: number | null
  /** Default true. */
  started?: boolean
}): StatusResult {
  const { direction, value, threshold, target, started = true } = options
  if (!started) return { status: 'not-started', actions: [] }
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
