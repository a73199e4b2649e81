import { describeFields } from './field-labels.ts'
import { z } from 'zod'
import { Text } from '../records/fields.ts'
import type { Importer } from './importer.ts'
import { messages } from './messages.ts'
import { lookUp } from './references.ts'

const TeamRow = z.object({
  name: Text(100),
  manager: Text(254).optional(),
  active: z.boolean({ error: 'must be yes or no' }).optional(),
})
type TeamData = z.infer<typeof TeamRow>

/**
 * Teams from a file (admins only): upserted on their name. The manager must already be a manager (or admin):
 * a rep named as manager is a row error, not a silent promotion — a role is access to a team's figures, and
 * an admin grants it knowingly (decision 0028). A blank manager or active cell keeps what is stored.
 */
export const teamImporter: Importer = {
  entity: 'teams',
  fields: describeFields(
    [
      { name: 'name', kind: 'text', required: true },
      { name: 'manager', kind: 'ref', required: false },
      { name: 'active', kind: 'bool', required: false },
    ],
    { manager: 'user' },
  ),
  rowSchema: TeamRow,
  keyField: 'name',
  sameRowsOnce: true,
  table: 'teams',
  columns: [
    { column: 'name', pgType: 'text' },
    { column: 'manager_id', pgType: 'int' },
    { column: 'active', pgType: 'bool' },
  ],
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
    const { rows: stored } = await ctx.pool.query<{ name: string; manager_id: number | null; active: boolean }>(
      'SELECT name, manager_id, active FROM teams WHERE organization_id = $1 AND name = ANY($2::text[])',
      [org, teams.map((t) => t.name)],
    )
    const before = new Map(stored.map((t) => [t.name, t]))
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
      return [team.name, managerId, team.active ?? before.get(team.name)?.active ?? true]
    })
  },
}
