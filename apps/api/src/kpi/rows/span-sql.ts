/**
 * What the row modules of this folder (one per KPI group) are written against: a span's bounds as SQL, and the
 * records definition of a KPI. The same predicate then reads `s.start_at` in an aggregate statement (a column
 * of the span list), `$3` in a breakdown, or a bound parameter in the records list.
 */
import type { EntityName } from '../../records/entity.ts'
import type { ScopeConditions } from '../scope-set.ts'

/** A span's bounds as SQL expressions: [start, end). */
export type SpanSql = { start: string; end: string }

export const inSpan = (column: string, span: SpanSql) => `${column} >= ${span.start} AND ${column} < ${span.end}`

/** The bounds a records list may read, each a bound parameter (routes/kpis/kpi-records.db.ts binds the ones used). */
export type RecordBounds = {
  period: SpanSql
  /** The instant the open pipeline is measured at: min(now, period end) (kpis/windows.ts pipelineAsOf). */
  asOf: string
  /** NRR: the customers acquired before this instant are the cohort (kpis/windows.ts nrrWindows). */
  cohortBefore: string
  /** The cost months (date[]) of the period, and of the labour-efficiency window (kpis/windows.ts). */
  periodMonths: string
  efficiencyMonths: string
}

/**
 * "The records behind the number" of one KPI: the table, its scope conditions, which rows (SQL over the alias `t`)
 * and the default sort (a field of the record layer's sort whitelist for the table). Where the KPI has a
 * denominator the list holds the denominator's rows, so the numerator's are visible among them.
 */
export type RecordSource = {
  entity: EntityName
  scope: ScopeConditions
  when: (bounds: RecordBounds) => string
  defaultSort: string
}
