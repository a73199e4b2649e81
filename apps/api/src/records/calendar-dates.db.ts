import type { TimeZonePreview } from '@kpi/contract/settings'
import { CALENDAR_COLUMN, hasCalendarFields } from './calendar-dates.ts'
import { entities } from './registry.ts'

/** Runs one SQL statement (a pool's or a Prisma transaction's); the caller owns the transaction. */
export type RunSql = <T>(sql: string, params: unknown[]) => Promise<T[]>

/** Each table with calendar marks and its instant columns, from the EntityDefs (one place). */
const calendarTables = Object.values(entities)
  .filter(hasCalendarFields)
  .map((def) => ({ table: def.table, columns: def.fields.filter((f) => f.kind === 'instant').map((f) => f.column) }))

/** The same calendar day's midnight in the new zone ($2 old, $3 new); a marked instant is a local midnight. */
const sameDay = (column: string) => `((t.${column} AT TIME ZONE $2)::date)::timestamp AT TIME ZONE $3`
const marked = (column: string) => `'${column}' = ANY(t.${CALENDAR_COLUMN})`

/**
 * Moves every calendar date of the organisation from local midnight in `from` to local midnight in `to`, so it
 * keeps its day; dates entered with a time keep their instant. Run in the settings change's transaction: the
 * tables' triggers bump the KPI data version, so cached answers are recomputed. Each changed row gets a new
 * version (its stored value did change; an edit based on the old one answers 409).
 */
export async function reanchorCalendarDates(run: RunSql, organizationId: number, from: string, to: string) {
  if (from === to) return
  for (const { table, columns } of calendarTables) {
    const sets = columns.map((c) => `${c} = CASE WHEN ${marked(c)} THEN ${sameDay(c)} ELSE t.${c} END`)
    await run(
      `UPDATE ${table} t SET ${sets.join(', ')}, version = t.version + 1
        WHERE t.organization_id = $1 AND cardinality(t.${CALENDAR_COLUMN}) > 0`,
      [organizationId, from, to],
    )
  }
}

/** How many stored dates are calendar dates, how many carry a time, and how many of those would change day. */
export async function previewTimeZoneChange(
  run: RunSql,
  organizationId: number,
  from: string,
  to: string,
): Promise<TimeZonePreview> {
  const counts = calendarTables.flatMap(({ table, columns }) =>
    columns.map(
      (c) => `SELECT count(*) FILTER (WHERE ${marked(c)}) AS calendar,
                     count(*) FILTER (WHERE NOT ${marked(c)}) AS timed,
                     count(*) FILTER (WHERE NOT ${marked(c)}
                                        AND (t.${c} AT TIME ZONE $2)::date <> (t.${c} AT TIME ZONE $3)::date) AS moved
                FROM ${table} t WHERE t.organization_id = $1 AND t.${c} IS NOT NULL`,
    ),
  )
  const [sum] = await run<{ calendar: number; timed: number; moved: number }>(
    `SELECT coalesce(sum(calendar), 0)::int AS calendar, coalesce(sum(timed), 0)::int AS timed,
            coalesce(sum(moved), 0)::int AS moved
       FROM (${counts.join(' UNION ALL ')}) AS c`,
    [organizationId, from, to],
  )
  return { from, to, calendarDates: sum!.calendar, timedInstants: sum!.timed, timedInstantsChangingDay: sum!.moved }
}
