import { z } from 'zod'
import { IdParam } from '@kpi/contract/id'
import type { Actor } from './actor.ts'
import type { EntityDef } from './entity.ts'
import { Instant } from './fields.ts'
import { toSqlValue } from './sql-values.ts'
import { visibleWhere } from './visibility.ts'

export const MAX_PAGE_SIZE = 200

/** GET /api/<entity> query: shared filters, the entity's own, paging and a whitelisted sort (`-` = descending). */
export function listQuerySchema(def: EntityDef) {
  const sortValues = Object.keys(def.sorts).flatMap((key) => [key, `-${key}`]) as [string, ...string[]]
  const own = Object.fromEntries(Object.entries(def.filters).map(([name, filter]) => [name, filter.schema.optional()]))
  const owned = def.ownerField !== undefined
  return z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
    sort: z.enum(sortValues).default(def.defaultSort),
    from: Instant.optional().describe(`${def.dateColumn} ≥ from`),
    to: Instant.optional().describe(`${def.dateColumn} < to`),
    ...(def.searchColumn ? { q: z.string().min(1).max(100).optional().describe(`text in ${def.searchColumn}`) } : {}),
    ...(owned ? { ownerId: IdParam.optional() } : {}),
    ...(def.visibility.kind === 'owned' || def.entity === 'costs' || def.entity === 'surveys'
      ? { teamId: IdParam.optional() }
      : {}),
    ...own,
  })
}

export type ListQuery = { page: number; pageSize: number; sort: string } & Record<string, unknown>

/** WHERE (visibility + filters) and ORDER BY for a list or an export, with their parameters. */
export function listWhere(def: EntityDef, actor: Actor, query: ListQuery, timeZone: string) {
  const params: unknown[] = []
  const clauses = [visibleWhere(def, actor, params)]
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value)
    clauses.push(sql(`$${params.length}`))
  }
  const instant = { kind: 'instant', column: def.dateColumn } as const
  const dateField = def.fields.find((f) => f.column === def.dateColumn) ?? {
    ...instant,
    name: '',
    pgType: '',
    schema: Instant,
  }
  if (query['from'] !== undefined)
    add((p) => `t.${def.dateColumn} >= ${p}`, toSqlValue(dateField, query['from'], timeZone))
  if (query['to'] !== undefined) add((p) => `t.${def.dateColumn} < ${p}`, toSqlValue(dateField, query['to'], timeZone))
  if (typeof query['q'] === 'string' && def.searchColumn) {
    // ILIKE with the wildcards in the term escaped, so "50%" searches for "50%".
    add((p) => `t.${def.searchColumn} ILIKE ${p}`, `%${query['q'].replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
  }
  if (query['ownerId'] !== undefined && def.ownerField) {
    const column = def.fields.find((f) => f.name === def.ownerField)!.column
    add((p) => `t.${column} = ${p}`, query['ownerId'])
  }
  if (query['teamId'] !== undefined) add((p) => `t.team_id = ${p}`, query['teamId'])
  for (const [name, filter] of Object.entries(def.filters)) {
    if (name === 'teamId' || query[name] === undefined) continue
    add((p) => `t.${filter.column} = ${p}`, query[name])
  }
  const descending = query.sort.startsWith('-')
  const column = def.sorts[query.sort.replace(/^-/, '')] ?? 'id'
  const direction = descending ? 'DESC' : 'ASC'
  // id breaks ties so pages never overlap or skip rows with equal sort keys.
  const orderBy = `t.${column} ${direction} NULLS LAST, t.id ${direction}`
  return { where: clauses.join(' AND '), params, orderBy }
}
