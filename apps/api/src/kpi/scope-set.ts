/**
 * What every aggregate statement shares: the scope set (one scope, or many scopes of one type for a per-rep
 * breakdown) and the runner that turns rows keyed (scope, span) into a grid of records.
 *
 * Parameter convention of every group statement: $1 organization id, $2 scope ids (int[]; [0] for the org,
 * where the scope condition is TRUE), $3.. the span arrays of the group. Scope conditions are fixed SQL
 * fragments chosen by scope type from each group's table in ./rows/ (DEAL_SCOPE, LEAD_SCOPE, …); values are always
 * parameters.
 */
import type pg from 'pg'
import { SCOPE_TYPES, type Scope, type ScopeType } from '@kpi/domain/scope'

/** The org, or several scopes of one type answered by one statement (a team's reps for the breakdown). */
export type ScopeSet = { type: 'org' } | { type: Exclude<ScopeType, 'org'>; ids: readonly number[] }

export function scopeSetOf(scope: Scope): ScopeSet {
  return scope.type === 'org' ? { type: 'org' } : { type: scope.type, ids: [scope.id] }
}

/** A condition per scope type over the row alias `t` and the scope id `sc.id`. */
export type ScopeConditions = Record<ScopeType, string>

/**
 * A region's rows are its teams' rows: `teamIdColumn` names one of the region's teams now (decision 0034). Teams
 * are per organisation, so the region id alone decides; the teams_region_id_idx index answers the subquery.
 */
export const inRegion = (teamIdColumn: string) =>
  `${teamIdColumn} IN (SELECT rt.id FROM teams rt WHERE rt.region_id = sc.id)`

/** The CTE of scope ids with their position (si), for `FROM sc CROSS JOIN s CROSS JOIN LATERAL (...)`. */
export const SCOPE_CTE = 'sc AS (SELECT id, si FROM unnest($2::int[]) WITH ORDINALITY AS sc(id, si))'

export function scopeIds(set: ScopeSet): number[] {
  return set.type === 'org' ? [0] : [...set.ids]
}

/**
 * A statement per scope type, built once from constant fragments (so each keeps its own query plan). `type` is
 * there for a statement whose best shape differs by scope type (leads.sql.ts).
 */
export function perScopeType(
  build: (condition: (table: ScopeConditions) => string, type: ScopeType) => string,
): Record<ScopeType, string> {
  const out = {} as Record<ScopeType, string>
  for (const type of SCOPE_TYPES) out[type] = build((table) => table[type], type)
  return out
}

/** Rows carry `si` (scope position, 1-based) and `i` (span position, 1-based). */
type KeyedRow = { si: string | number; i: string | number }

/**
 * Runs one statement and returns records[scopeIndex][spanIndex]. Every (scope, span) pair must come back
 * exactly once (the statements use LATERAL aggregates, which always yield a row).
 */
export async function runGrid<R extends KeyedRow, A>(
  pool: pg.Pool,
  sql: string,
  values: unknown[],
  shape: { scopes: number; spans: number },
  toRecord: (row: R) => A,
): Promise<A[][]> {
  const grid: (A | undefined)[][] = Array.from({ length: shape.scopes }, () => new Array<A | undefined>(shape.spans))
  if (shape.spans === 0 || shape.scopes === 0) return grid as A[][]
  const { rows } = await pool.query<R>(sql, values)
  for (const row of rows) grid[Number(row.si) - 1]![Number(row.i) - 1] = toRecord(row)
  for (const line of grid) {
    for (let i = 0; i < shape.spans; i++)
      if (line[i] === undefined) throw new Error(`aggregate row missing for span ${i}`)
  }
  return grid as A[][]
}
