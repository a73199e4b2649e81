import { startOfLocalDay, zonedInstant } from '@kpi/domain/time-zone'
import type { FieldDef } from './entity.ts'

/** The SQL expression reading a field back in its API form: instants as ISO UTC strings, money as decimal text. */
export function readExpression(field: Pick<FieldDef, 'column' | 'kind'>, alias = 't'): string {
  const column = `${alias}.${field.column}`
  switch (field.kind) {
    case 'instant':
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`
    case 'money':
      return `${column}::text`
    case 'score':
      return `${column}::float8`
    default:
      return column
  }
}

/**
 * A validated API/CSV value → the SQL parameter. Bare dates on instant fields mean local midnight in the
 * organisation's time zone (a CRM export of "2026-03-01" means that day where the team works, not in UTC).
 */
export function toSqlValue(field: FieldDef, value: unknown, timeZone: string): unknown {
  if (value === undefined || value === null) return field.defaultValue ?? null
  if (field.kind === 'instant' && typeof value === 'string' && value.length === 10)
    return startOfLocalDay(value, timeZone)
  // A date-time without offset (an import's "15-03-2026 14:30") is that wall-clock time in the organisation's zone.
  if (field.kind === 'instant' && typeof value === 'string' && LOCAL_TIME.test(value))
    return localInstant(value, timeZone)
  // A date-time with an offset is passed on as text: PostgreSQL parses it into the same timestamptz.
  if (field.kind === 'score') return String(value)
  return value
}

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/

function localInstant(value: string, timeZone: string): string {
  const [h = 0, m = 0, s = 0] = value.slice(11).split(':').map(Number)
  return zonedInstant(value.slice(0, 10), Math.round(((h * 60 + m) * 60 + s) * 1000), timeZone)
}
