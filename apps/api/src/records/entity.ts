import { Version } from '@kpi/contract/id'
import type { EntityName, FieldKind } from '@kpi/contract/records'
import { PlainText } from '@kpi/contract/text'
import { z } from 'zod'
import type { Role } from '../auth/auth-user.ts'

export type { EntityName, FieldKind, Role }

/** Another record a field points at. The API takes its id; a CSV names it by email, external id or name. */
export type RefKind = 'user' | 'customer' | 'lead' | 'deal' | 'product' | 'team' | 'region'

export type FieldDef = {
  /** The API and CSV name (camelCase), e.g. `closedAt`, `ownerId`. */
  name: string
  column: string
  kind: FieldKind
  /** The SQL type for casts, e.g. `numeric`, `timestamptz`, `"DealStatus"`. */
  pgType: string
  schema: z.ZodType
  required?: boolean
  /** Written when the value is absent or null (NOT NULL columns with a default). */
  defaultValue?: string | number | boolean
  /** For id fields: what it points at and the CSV column naming it (`ownerEmail`, `customerExternalId`). */
  ref?: { kind: RefKind; csvName: string }
}

/** A cross-field rule broken: `field` is the API field name the message is about. */
export type FieldIssue = { field: string; message: string }

/** Who sees which rows of the entity (see records/visibility.ts). */
export type Visibility =
  /** Reps: owner = self; managers: team_id in their teams. */
  | { kind: 'owned'; ownerColumn: string }
  /** Customers have no team column: managers see those owned by members of their teams. */
  | { kind: 'owned-via-user-team'; ownerColumn: string }
  /**
   * Survey responses belong to their team, else to their customer's owner's team, else to the organisation.
   * Managers see their teams' and the organisation's; they change only their teams' (records/write-rules.ts).
   */
  | { kind: 'team-or-customer' }
  /** Costs: only roles in `read` get here at all, and they see the whole organisation. */
  | { kind: 'organisation' }

export type EntityDef = {
  entity: EntityName
  table: string
  /** Writable fields, including externalId and the reference ids. */
  fields: FieldDef[]
  /** The field holding the owning user; the row's team_id follows that user's current team (decision 0001). */
  ownerField?: string
  /** The table has team_id, stamped with the owner's team on every write (leads, deals, activities). */
  stampsTeam?: boolean
  /** Columns the server fills on write from other values (leads.account_key from account). */
  derived?: { column: string; pgType: string; from: (row: Record<string, unknown>) => unknown }[]
  check: (row: Record<string, unknown>) => FieldIssue[]
  visibility: Visibility
  roles: { read: Role[]; write: Role[] }
  /** The main timestamp (`from`/`to` filter), the text-searched column, equality filters and sortable fields. */
  dateColumn: string
  searchColumn?: string
  filters: Record<string, { column: string; schema: z.ZodType }>
  sorts: Record<string, string>
  defaultSort: string
}

/** Read-only columns every record answers with, besides its fields. */
export const systemColumns = ['id', 'version'] as const

/** The JSON create schema: every field, optional ones nullable, plus the entity's cross-field rules. */
export function createSchema(def: EntityDef) {
  const shape = Object.fromEntries(
    def.fields.map((f) => [f.name, f.required && f.name !== def.ownerField ? f.schema : f.schema.nullish()]),
  )
  return z.object(shape).strict().superRefine(refineWith(def))
}

/** PATCH body: any subset of fields plus the version the client last read. Rules are checked after the merge. */
export function patchSchema(def: EntityDef) {
  const shape = Object.fromEntries(def.fields.map((f) => [f.name, f.required ? f.schema : f.schema.nullable()]))
  return z
    .object(shape)
    .partial()
    .extend({ version: Version.describe('the version you read; 409 when it moved on') })
    .strict()
}

/** The import row schema: references by their CSV key (`ownerEmail`) instead of their id. */
export function csvRowSchema(def: EntityDef) {
  const shape = Object.fromEntries(
    def.fields.map((f) => {
      const name = f.ref?.csvName ?? f.name
      const schema = f.ref ? PlainText.trim().min(1) : f.schema
      return [name, f.required ? schema : schema.nullish()]
    }),
  )
  return z.object(shape).superRefine(refineWith(def))
}

function refineWith(def: EntityDef) {
  return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
    for (const issue of def.check(row)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message })
  }
}

/**
 * Compares two instants given as ISO strings or bare dates (both sides in the same form as the input). A bare
 * date is read as UTC midnight, not the organisation's: the rules run inside the zod schema, before the route
 * knows the organisation; only a bare date and a time less than a day apart can differ (decision 29).
 */
export function before(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false
  return Date.parse(utcIfLocal(a)) < Date.parse(utcIfLocal(b))
}

// Date.parse reads a date-time without offset in the server's zone but a bare date as UTC: read both as UTC.
const utcIfLocal = (text: string) => (/T[\d:.]+$/.test(text) ? `${text}Z` : text)
