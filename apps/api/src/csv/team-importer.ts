import { describeFields } from './field-labels.ts'
import { z } from 'zod'
import { Text } from '../records/fields.ts'
import type { Importer } from './importer.ts'
import { messages } from './messages.ts'
import { lookUp } from './references.ts'
import { upsertRows, type RunSql } from './upsert.db.ts'

const TeamRow = z.object({
  name: Text(100),
  manager: Text(254).optional(),
  region: Text(100).optional(),
  active: z.boolean({ error: 'must be yes or no' }).optional(),
})
type TeamData = z.infer<typeof TeamRow>

// The prepared row keeps a named region as its name (a string), which `write` turns into an id after creating the
// regions nobody has yet; a blank region cell carries the stored id (a number or null).
const columns = [
  { column: 'name', pgType: 'text' },
  { column: 'manager_id', pgType: 'int' },
  { column: 'region_id', pgType: 'int' },
  { column: 'active', pgType: 'bool' },
]
const REGION = columns.findIndex((c) => c.column === 'region_id')
const regionKey = (name: string) => name.toLowerCase()

/**
 * Teams from a file (admins only): upserted on their name. The manager must already be a manager (or admin):
 * a rep named as manager is a row error, not a silent promotion — a role is access to a team's figures, and
 * an admin grants it knowingly (decision 0028). A region is matched by name whatever its case, and one nobody
 * has yet is created (counted in `created.regions`), as the users import creates teams: a region grants no
 * access by itself (decision 0034). A blank manager, region or active cell keeps what is stored.
 */
export const teamImporter: Importer = {
  entity: 'teams',
  fields: describeFields(
    [
      { name: 'name', kind: 'text', required: true },
      { name: 'manager', kind: 'ref', required: false },
      { name: 'region', kind: 'ref', required: false },
      { name: 'active', kind: 'bool', required: false },
    ],
    { manager: 'user', region: 'region' },
  ),
  rowSchema: TeamRow,
  keyField: 'name',
  sameRowsOnce: true,
  table: 'teams',
  columns,
  conflict: '(organization_id, name)',
  async prepare(ctx, rows) {
    const org = ctx.actor.organizationId
    const teams = rows.map(({ data }) => data as TeamData)
    const keys = teams.flatMap((t) => (t.manager ? [t.manager] : []))
    // Managers by e-mail, external id or name, as every reference of an import (references.ts); then their roles.
    const managers = await lookUp(ctx.pool, org, 'user', keys)
    const ids = keys.flatMap((key) => managers.get(key)?.id ?? [])
    const { rows: found } = await ctx.pool.query<{ id: number; name: string; role: string }>(
      'SELECT id, name, role::text AS role FROM users WHERE organization_id = $1 AND id = ANY($2::int[])',
      [org, ids],
    )
    const people = new Map(found.map((p) => [p.id, p]))
    const { rows: stored } = await ctx.pool.query<{
      name: string
      manager_id: number | null
      region_id: number | null
      active: boolean
    }>('SELECT name, manager_id, region_id, active FROM teams WHERE organization_id = $1 AND name = ANY($2::text[])', [
      org,
      teams.map((t) => t.name),
    ])
    const before = new Map(stored.map((t) => [t.name, t]))
    const { rows: regions } = await ctx.pool.query<{ key: string }>(
      'SELECT lower(name) AS key FROM regions WHERE organization_id = $1 AND lower(name) = ANY($2::text[])',
      [org, teams.flatMap((t) => (t.region ? [regionKey(t.region)] : []))],
    )
    const knownRegions = new Set(regions.map((r) => r.key))
    return rows.map(({ row }, i) => {
      const team = teams[i]!
      let managerId = before.get(team.name)?.manager_id ?? null
      if (team.manager) {
        const resolved = managers.resolve(team.manager)
        const person = resolved && 'id' in resolved ? people.get(resolved.id) : undefined
        if (resolved === undefined) ctx.error(row, 'manager', messages.notFound('user', team.manager), team.manager)
        else if ('ambiguous' in resolved)
          ctx.error(row, 'manager', messages.ambiguous(resolved.ambiguous, 'user', team.manager), team.manager)
        else if (person?.role === 'REP') ctx.error(row, 'manager', messages.notAManager(person.name), team.manager)
        else managerId = resolved.id
      }
      if (team.region && !knownRegions.has(regionKey(team.region))) ctx.willCreate('regions', regionKey(team.region))
      const region = team.region ?? before.get(team.name)?.region_id ?? null
      return [team.name, managerId, region, team.active ?? before.get(team.name)?.active ?? true]
    })
  },
  async write(run: RunSql, _importer, actor, rows) {
    // The first spelling in the file names a new region; "north" and "North" are one region.
    const spellings = new Map<string, string>()
    for (const r of rows)
      if (typeof r[REGION] === 'string' && !spellings.has(regionKey(r[REGION])))
        spellings.set(regionKey(r[REGION]), r[REGION])
    const created = await run<{ id: number }>(
      `INSERT INTO regions (organization_id, name)
       SELECT $1, n FROM unnest($2::text[]) AS n
       WHERE NOT EXISTS (SELECT 1 FROM regions r WHERE r.organization_id = $1 AND lower(r.name) = lower(n))
       ON CONFLICT (organization_id, name) DO NOTHING RETURNING id`,
      [actor.organizationId, [...spellings.values()]],
    )
    const regions = await run<{ id: number; key: string }>(
      'SELECT id, lower(name) AS key FROM regions WHERE organization_id = $1 AND lower(name) = ANY($2::text[])',
      [actor.organizationId, [...spellings.keys()]],
    )
    const regionIds = new Map(regions.map((r) => [r.key, r.id]))
    const withIds = rows.map((r) =>
      r.map((v, i) => (i === REGION && typeof v === 'string' ? regionIds.get(regionKey(v))! : v)),
    )
    const counts = await upsertRows(run, teamImporter, actor, withIds)
    return created.length === 0 ? counts : { ...counts, created: { regions: created.length } }
  },
}
