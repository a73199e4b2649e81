import { describeFields } from './field-labels.ts'
import { z } from 'zod'
import { Text } from '../records/fields.ts'
import type { Importer } from './importer.ts'
import { findPeople, type People, type StoredPerson } from './people.db.ts'

const TeamRow = z.object({
  name: Text(100),
  manager: Text(254).optional(),
  active: z.boolean({ error: 'must be yes or no' }).optional(),
})
type TeamData = z.infer<typeof TeamRow>

/** The person a manager cell names: external id, else e-mail, else name (several of that name: ambiguous). */
function managerNamed(people: People, key: string): StoredPerson | number | null {
  const byId = people.find((p) => p.externalId === key)
  if (byId) return byId
  const byEmail = people.find((p) => p.email?.toLowerCase() === key.toLowerCase())
  if (byEmail) return byEmail
  const named = people.filter((p) => p.name.toLowerCase() === key.toLowerCase())
  return named.length === 1 ? named[0]! : named.length === 0 ? null : named.length
}

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
    const people = await findPeople(
      ctx.pool,
      org,
      keys.map((key) => ({ externalId: key, email: key, name: key })),
    )
    const { rows: stored } = await ctx.pool.query<{ name: string; manager_id: number | null; active: boolean }>(
      'SELECT name, manager_id, active FROM teams WHERE organization_id = $1 AND name = ANY($2::text[])',
      [org, teams.map((t) => t.name)],
    )
    const before = new Map(stored.map((t) => [t.name, t]))
    return rows.map(({ row }, i) => {
      const team = teams[i]!
      let managerId = before.get(team.name)?.manager_id ?? null
      if (team.manager) {
        const found = managerNamed(people, team.manager)
        if (found === null)
          ctx.error(
            row,
            'manager',
            {
              en: `no person with external id, email or name "${team.manager}": import the users first`,
              nl: `niemand met extern id, e-mail of naam "${team.manager}": importeer eerst de gebruikers`,
            },
            team.manager,
          )
        else if (typeof found === 'number')
          ctx.error(
            row,
            'manager',
            {
              en: `${found} people are named "${team.manager}": name the manager by email or external id`,
              nl: `${found} personen heten "${team.manager}": noem de manager bij e-mail of extern id`,
            },
            team.manager,
          )
        else if (found.role === 'REP')
          ctx.error(
            row,
            'manager',
            {
              en: `${found.name} is a rep: make them a manager first (users import with role manager, or the users page)`,
              nl: `${found.name} is verkoper: maak hem of haar eerst manager (gebruikersimport met rol manager, of de gebruikerspagina)`,
            },
            team.manager,
          )
        else managerId = found.id
      }
      return [team.name, managerId, team.active ?? before.get(team.name)?.active ?? true]
    })
  },
}
