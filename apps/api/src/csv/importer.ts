import type pg from 'pg'
import type { z } from 'zod'
import type { Actor } from '../records/actor.ts'
import type { FieldKind } from '../records/entity.ts'
import type { RunSql, UpsertCounts } from './upsert.db.ts'

/** One field of ours that a column (or a constant) can fill, with what the wizard shows about it. */
export type ImportField = {
  name: string
  kind: FieldKind | 'ref'
  required: boolean
  /** A human name, e.g. Owner / Eigenaar (csv/field-labels.ts). */
  label: Record<ImportLocale, string>
  /** What the cell may hold: "e-mail, external id or name of a person". */
  hint: Record<ImportLocale, string>
  /** An enum field's values as stored (the import also reads their labels). */
  allowed?: readonly string[]
}

export type ImportError = { row: number; column: string; value?: string; message: string }

/** The languages import messages are written in; the report answers in the request's (Accept-Language). */
export type ImportLocale = 'en' | 'nl'
/** A message in each language (plain text is English only: older callers, being moved over). */
export type ImportMessage = string | Record<ImportLocale, string>

/** A row that passed its schema: its data row number and the parsed values by field name. */
export type ParsedRow = { row: number; data: Record<string, unknown> }

export type PrepareContext = {
  pool: Pick<pg.Pool, 'query'>
  actor: Actor
  timeZone: string
  /** Reports a problem with `field` in data row `row` (the header the user sees is filled in for you). */
  error(row: number, field: string, message: ImportMessage, value?: string): void
  /** Notes that the real run will create a `kind` record (a team named in a users file) keyed `key`, for the counts. */
  willCreate(kind: string, key: string): void
}

/**
 * What the CSV import needs to know about one entity: the fields a header can map to, the row schema, and how
 * validated rows become database rows (resolving references with one query per reference type, never per row).
 */
export type Importer = {
  entity: string
  fields: ImportField[]
  rowSchema: z.ZodType
  /** Rows whose `keyField` value repeats inside one file are refused: one upsert cannot touch a row twice. */
  keyField: string | ((data: Record<string, unknown>) => string | null)
  /**
   * A repeated key whose row is identical to the first is the same record said again (a people file listing a
   * manager once per agent): read once. Without this, or when the rows differ, a repeated key is a row error.
   */
  sameRowsOnce?: boolean
  table: string
  /** Target columns after organization_id, with the SQL type of each (the unnest array element type). */
  columns: { column: string; pgType: string }[]
  /** The unique index the upsert lands on, e.g. `(organization_id, external_id)`. */
  conflict: string
  /**
   * The rows of `table` (alias `t`) `actor` may change, as SQL pushing its parameters onto `params`; absent when
   * every row of the organisation is (targets: admins only). The upsert updates no other row (issue 14, F1).
   */
  writableWhere?: (actor: Actor, params: unknown[]) => string
  /** One SQL value per column for every row; rows with errors may be left out (the import will not run). */
  prepare(ctx: PrepareContext, rows: ParsedRow[]): Promise<unknown[][]>
  /**
   * Writes a prepared batch in the import's transaction instead of the generic upsert: for entities with two
   * keys or a second table (products: by external id else name, and their aliases; users: by external id, e-mail
   * or name, and the teams they create).
   */
  write?: (run: RunSql, importer: Importer, actor: Actor, rows: unknown[][]) => Promise<UpsertCounts>
}
