import { localDateOf } from '@kpi/domain/time-zone'
import type { EntityDef, FieldDef } from './entity.ts'

// A date given without a time ("2026-03-15") on an instant field is a calendar date: it is stored as local
// midnight in the organisation's zone (sql-values.ts) and its column is listed in the row's calendar_fields, so
// a later change of zone moves it to the same day's midnight in the new zone (decision 29).

export const CALENDAR_COLUMN = 'calendar_fields'

export const isCalendarDate = (value: unknown): value is string => typeof value === 'string' && value.length === 10

/**
 * The derived `calendar_fields` column of an entity: the instant columns given as a bare date, as a PostgreSQL
 * array literal (`{closed_at,created_at}`; column names need no quoting). A text literal rather than a JS array
 * because the import sends every column as one array of scalars (upsert.db.ts).
 */
export function calendarFieldsColumn(fields: FieldDef[]): NonNullable<EntityDef['derived']>[number] {
  const instants = fields.filter((f) => f.kind === 'instant')
  return {
    column: CALENDAR_COLUMN,
    pgType: 'text[]',
    from: (row) =>
      `{${instants
        .filter((f) => isCalendarDate(row[f.name]))
        .map((f) => f.column)
        .join(',')}}`,
  }
}

export const hasCalendarFields = (def: EntityDef) => def.derived?.some((d) => d.column === CALENDAR_COLUMN) ?? false

/**
 * The stored value of `field` as a PATCH merge should see it: a marked calendar date reads back as its bare date,
 * so an edit of another field keeps the mark (and the same midnight), while an edit with a time clears it.
 */
export function asEntered(field: FieldDef, stored: unknown, marked: readonly string[], timeZone: string): unknown {
  if (field.kind !== 'instant' || typeof stored !== 'string' || !marked.includes(field.column)) return stored
  return localDateOf(stored, timeZone)
}

/** The entity with its `calendar_fields` derived column (entities with instant fields). */
export function withCalendarDates(def: EntityDef): EntityDef {
  return { ...def, derived: [...(def.derived ?? []), calendarFieldsColumn(def.fields)] }
}
