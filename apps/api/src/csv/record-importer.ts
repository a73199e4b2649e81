import { csvRowSchema, type EntityDef } from '../records/entity.ts'
import { toSqlValue } from '../records/sql-values.ts'
import { visibleWhere } from '../records/visibility.ts'
import { kindHints, labelOf, refHints } from './field-labels.ts'
import type { ImportField, Importer, ParsedRow, PrepareContext } from './importer.ts'
import { messages } from './messages.ts'
import { lookUp, type References } from './references.ts'

/**
 * The import of a record entity, from its EntityDef: the same field schemas and cross-field rules as the API,
 * references named by email / external id / name instead of ids, and team_id from the owner's current team.
 * Upserts on (organization_id, external_id); rows without an external id are always inserted (PostgreSQL treats
 * NULLs as distinct), so give every row one if the file will be imported again.
 */
export function recordImporter(def: EntityDef): Importer {
  const owner = def.fields.find((f) => f.name === def.ownerField)
  return {
    entity: def.entity,
    fields: def.fields.map((f): ImportField => {
      const name = f.ref?.csvName ?? f.name
      const allowed = enumValues(f.schema)
      return {
        name,
        kind: f.ref ? 'ref' : f.kind,
        required: !!f.required,
        label: labelOf(name),
        hint: f.ref ? refHints[f.ref.kind]! : kindHints[f.kind]!,
        ...(allowed ? { allowed } : {}),
      }
    }),
    rowSchema: csvRowSchema(def),
    keyField: 'externalId',
    table: def.table,
    columns: [
      ...def.fields.map((f) => ({ column: f.column, pgType: f.pgType })),
      ...(def.derived ?? []).map((d) => ({ column: d.column, pgType: d.pgType })),
      ...(def.stampsTeam ? [{ column: 'team_id', pgType: 'int' }] : []),
    ],
    conflict: '(organization_id, external_id)',
    // The record routes' rule: what the actor may not see they may not change (and an upsert is a change).
    writableWhere: (actor, params) => visibleWhere(def, actor, params),
    async prepare(ctx, rows) {
      const stored = await storedRecords(ctx, def, rows)
      const found = new Map<string, References>()
      for (const field of def.fields) {
        if (!field.ref) continue
        const { kind, csvName } = field.ref
        const keys = rows.flatMap(({ data }) => (typeof data[csvName] === 'string' ? [data[csvName]] : []))
        found.set(field.name, await lookUp(ctx.pool, ctx.actor.organizationId, kind, keys, ctx.actor))
      }
      return rows.map(({ row, data }) => {
        const key = data['externalId']
        // Says only that the id is taken: nothing of the other team's record (not even that it exists elsewhere).
        if (typeof key === 'string' && stored.get(key)?.writable === false)
          ctx.error(row, 'externalId', messages.notWritable(key), key)
        const values: unknown[] = []
        let ownerTeamId: number | null = null
        for (const field of def.fields) {
          if (!field.ref) {
            values.push(toSqlValue(field, data[field.name], ctx.timeZone))
            continue
          }
          const key = data[field.ref.csvName]
          const referenced = typeof key === 'string' ? found.get(field.name)!.resolve(key) : undefined
          if (referenced && 'ambiguous' in referenced) {
            ctx.error(
              row,
              field.ref.csvName,
              messages.ambiguous(referenced.ambiguous, field.ref.kind, String(key)),
              String(key),
            )
            values.push(null)
            continue
          }
          // A record hidden from the importer reads as missing (F3), unless the stored row already points at it.
          const keeps =
            referenced !== undefined && stored.get(data['externalId'] as string)?.refs.get(field.name) === referenced.id
          const match = referenced?.visible || keeps ? referenced : undefined
          if (typeof key === 'string' && !match)
            ctx.error(row, field.ref.csvName, messages.notFound(field.ref.kind, key), key)
          if (field === owner) ownerTeamId = match?.teamId ?? null
          values.push(match?.id ?? null)
        }
        for (const derived of def.derived ?? []) values.push(derived.from(data))
        if (def.stampsTeam) values.push(ownerTeamId)
        if (owner) {
          const managed = ctx.actor.managedTeamIds
          if (ctx.actor.role === 'manager' && (ownerTeamId === null || !managed.includes(ownerTeamId)))
            ctx.error(row, owner.ref!.csvName, messages.notYourTeam)
        }
        return values
      })
    },
  }
}

/**
 * The stored records of the organisation that `rows` name by external id, for a non-admin importer: whether the
 * importer may change each (the record routes' visibility) and the references it holds (field → id), which a
 * row may keep even where the importer cannot see them. One query per batch. Admins may change every record of
 * their organisation and see every reference, so they skip it.
 */
async function storedRecords(
  ctx: PrepareContext,
  def: EntityDef,
  rows: ParsedRow[],
): Promise<Map<string, { writable: boolean; refs: Map<string, number | null> }>> {
  const stored = new Map<string, { writable: boolean; refs: Map<string, number | null> }>()
  const keys = rows.flatMap(({ data }) => (typeof data['externalId'] === 'string' ? [data['externalId']] : []))
  if (ctx.actor.role === 'admin' || keys.length === 0) return stored
  const refFields = def.fields.filter((f) => f.ref)
  const params: unknown[] = [ctx.actor.organizationId, keys]
  const visible = visibleWhere(def, ctx.actor, params)
  const { rows: found } = await ctx.pool.query<Record<string, number | null> & { key: string; writable: boolean }>(
    `SELECT ${['t.external_id AS key', `(${visible}) IS TRUE AS writable`, ...refFields.map((f, i) => `t.${f.column} AS r${i}`)].join(', ')}
       FROM ${def.table} t WHERE t.organization_id = $1 AND t.external_id = ANY($2::text[])`,
    params,
  )
  for (const row of found)
    stored.set(row.key, {
      writable: row.writable,
      refs: new Map(refFields.map((f, i) => [f.name, row[`r${i}`] ?? null])),
    })
  return stored
}

/** The values of an enum field's schema (`z.enum([...])`), else undefined. */
export function enumValues(schema: unknown): string[] | undefined {
  const options = (schema as { options?: unknown }).options
  return Array.isArray(options) && options.every((o) => typeof o === 'string') ? options : undefined
}
