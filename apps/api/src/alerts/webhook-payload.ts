import type { Instant } from '@kpi/domain/time-zone'
import type { StatusChange } from './detect.ts'

/** The JSON body of a status-change webhook (documented for receivers in alerts/README.md). */
export type StatusChangedEvent = {
  id: string
  type: 'kpi.status_changed' | 'kpi.test'
  organizationId: number
  kpiKey: string
  scope: string
  period: { type: string; label: string; startDate: string }
  from: string
  to: string
  value: number | null
  occurredAt: Instant
}

export function statusChangedPayload(organizationId: number, change: StatusChange, now: Instant): StatusChangedEvent {
  return {
    id: change.eventId,
    type: 'kpi.status_changed',
    organizationId,
    kpiKey: change.kpiKey,
    scope: change.scopeKey,
    period: { type: change.periodType, label: change.periodLabel, startDate: change.periodStart },
    from: change.from,
    to: change.status,
    value: change.value,
    occurredAt: now,
  }
}
