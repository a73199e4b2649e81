/**
 * The shape of a KPI definition: data (names, unit, direction, scopes, formatting) plus a pure compute
 * function over the aggregate groups it reads. The registry (./registry.ts) is the single source the
 * API, the web app and the tests read.
 *
 * Exports: Localized, Unit, Direction, KpiKind, Accumulation, FormatSpec, KpiContext, KpiDefinition,
 * defineKpi.
 */
import type { FocusAreaKey } from '../focus-areas.ts'
import type { Period } from '../periods.ts'
import { SCOPE_TYPES, type ScopeType } from '../scope.ts'
import type { ThresholdSetting } from '../thresholds.ts'
import type { KpiValue } from '../value.ts'
import type { Aggregates, GroupKey } from './aggregates.ts'
import type { KpiKey } from './keys.ts'

export type Localized = { en: string; nl: string }

/**
 * Display unit of KpiValue.value: count; percent (0–100, may leave that range for growth and margin);
 * money (currency units, from exact cents); days; hours; ratio (a plain factor, "1.8×"); score (−100…100,
 * NPS); scale (1–5, Q12).
 */
export type Unit = 'count' | 'percent' | 'money' | 'days' | 'hours' | 'ratio' | 'score' | 'scale'

/** Which side is good. 'neutral' KPIs (a split) are informative and never coloured. */
export type Direction = 'higher' | 'lower' | 'neutral'

export type KpiKind = 'leading' | 'lagging'

/**
 * 'sum': the value accumulates over the period (counts, money won), so a target is pro-rated by working
 * days elapsed and a run-rate forecast makes sense. 'level': a rate, mean, score or stock, compared
 * with the full target at any moment.
 */
export type Accumulation = 'sum' | 'level'

export type FormatSpec = { maximumFractionDigits: number; signed?: boolean }

/** Everything a compute function may read besides its own period's aggregates. */
export type KpiContext<G extends GroupKey = GroupKey> = {
  period: Period
  /** The same groups for the previous period (like-for-like span inside a running period). */
  previous?: Pick<Aggregates, G>
  /** The same groups for the same period last year (like-for-like span inside a running period). */
  lastYear?: Pick<Aggregates, G>
  /** Fiscal year-to-date up to the period's end (or now), and the same span one year earlier. */
  yearToDate?: Pick<Aggregates, G>
  lastYearToDate?: Pick<Aggregates, G>
  /** Full-period targets by KPI key in the KPI's unit (pipeline coverage reads the revenue.won target). */
  targets?: Partial<Record<KpiKey, number>>
}

export type KpiDefinition<G extends GroupKey = GroupKey> = {
  key: KpiKey
  name: Localized
  /** One line: what it measures and why it matters. */
  description: Localized
  unit: Unit
  direction: Direction
  kind: KpiKind
  /** The focus area it belongs to by default (it may be a headline KPI there or not). */
  area: FocusAreaKey
  scopes: readonly ScopeType[]
  accumulation: Accumulation
  /** The aggregate groups compute reads, and so the SQL queries it needs. */
  groups: readonly G[]
  format: FormatSpec
  /** Used when the organisation has configured no threshold for this KPI. */
  defaultThreshold?: ThresholdSetting
  /** Pure: the value for one scope and period. Never NaN/Infinity; no value with a reason instead. */
  compute(aggregates: Pick<Aggregates, G>, context: KpiContext<G>): KpiValue
}

/**
 * Identity with type inference for `groups` → the aggregates compute receives. A region is a group of teams, so
 * every KPI computed for a team is computed for a region too (decision 0034): added here, once, not per KPI.
 */
export function defineKpi<G extends GroupKey>(definition: KpiDefinition<G>): KpiDefinition<G> {
  const { scopes } = definition
  if (!scopes.includes('team') || scopes.includes('region')) return definition
  return { ...definition, scopes: SCOPE_TYPES.filter((type) => type === 'region' || scopes.includes(type)) }
}
