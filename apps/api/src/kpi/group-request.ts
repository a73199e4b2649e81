/**
 * The input every aggregate group statement takes: one organisation, a scope set, and the periods (or
 * like-for-like spans typed as periods) to aggregate, all answered in one round trip per group.
 */
import type { Period, PeriodSettings } from '@kpi/domain/periods'
import type { Instant } from '@kpi/domain/time-zone'
import type { ScopeSet } from './scope-set.ts'

export type GroupRequest = {
  organizationId: number
  scopes: ScopeSet
  /** The spans to aggregate, in the order the result comes back. */
  periods: readonly Period[]
  /** Pipeline snapshots of a running period are taken at `now`. */
  now: Instant
  settings: PeriodSettings
}

/** records[scopeIndex][periodIndex]; for the org there is one scope. */
export type Grid<A> = A[][]

export const startsOf = (spans: readonly { start: string }[]) => spans.map((s) => s.start)
export const endsOf = (spans: readonly { end: string }[]) => spans.map((s) => s.end)
export const scopeCount = (request: GroupRequest) => (request.scopes.type === 'org' ? 1 : request.scopes.ids.length)
