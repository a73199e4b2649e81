import { describeFields } from './field-labels.ts'
import { z } from 'zod'
import { Text } from '../records/fields.ts'
import type { Importer } from './importer.ts'
import { messages } from './messages.ts'
import { findPeople, matchPerson, type StoredPerson } from './people.db.ts'
import { upsertRows, type RunSql } from './upsert.db.ts'

const UserRow = z.object({
  externalId: Text(100).optional(),
  name: Text(100),
  email: z.email('must be an e-mail address').max(254).toLowerCase().optional(),
  role: z.enum(['ADMIN', 'MANAGER', 'REP'], { error: 'must be admin, manager or rep' }).optional(),
  team: Text(100).optional(),
  locale: z.enum(['en', 'nl'], { error: 'must be en or nl' }).optional(),
  active: z.boolean({ error: 'must be yes or no' }).optional(),
})
type UserData = z.infer<typeof UserRow>

/** How the file names a person: its external id, else its e-mail, else its name (a repeated row says the same). */
const personKey = (data: Record<string, unknown>) => {
  const { externalId, email, name } = data as UserData
  // Unprefixed, so a message can quote it: an external id equal to someone's name is not worth a namespace.
  return externalId ?? email ?? name.toLowerCase()
}

// The prepared row: the user's id (an existing one, or a fresh one from the sequence), then the stored columns
// with the team still as its name, which `write` turns into an id after creating the teams nobody has yet.
const columns = [
  { column: 'id', pgType: 'int' },
  { column: 'external_id', pgType: 'text' },
  { column: 'email', pgType: 'text' },
  { column: 'name', pgType: 'text' },
  { column: 'role', pgType: '"Role"' },
  { column: 'team_id', pgType: 'int' },
  { column: 'locale', pgType: 'text' },
  { column: 'active', pgType: 'bool' },
]
const TEAM = columns.findIndex((c) => c.column === 'team_id')

/**
 * Users from a file (admins only, decision 0028): people who own records, with or without an e-mail. Matched to
 * the stored person by external id, else e-mail, else name; a blank cell keeps what is stored (a new person:
 * role rep, locale en, active). A team nobody has yet is created. Never touches passwords, sessions or 2FA:
 * a new person has no sign-in until an admin invites them.
 */
export const userImporter: Importer = {
  entity: 'users',
  fields: describeFields(
    [
      { name: 'externalId', kind: 'text', required: false },
      { name: 'name', kind: 'text', required: true },
      { name: 'email', kind: 'text', required: false },
      { name: 'role', kind: 'enum', required: false, allowed: ['ADMIN', 'MANAGER', 'REP'] },
      { name: 'team', kind: 'ref', required: false },
      { name: 'locale', kind: 'text', required: false },
      { name: 'active', kind: 'bool', required: false },
    ],
    { team: 'team' },
  ),
  rowSchema: UserRow,
  keyField: personKey,
  sameRowsOnce: true,
  table: 'users',
  columns,
  conflict: '(id)',
  async prepare(ctx, rows) {
    const org = ctx.actor.organizationId
    const people = await findPeople(
      ctx.pool,
      org,
      rows.map(({ data }) => data as UserData),
    )
    const { rows: teams } = await ctx.pool.query<{ name: string }>(
      'SELECT name FROM teams WHERE organization_id = $1 AND name = ANY($2::text[])',
      [org, rows.flatMap(({ data }) => ((data as UserData).team ? [(data as UserData).team!] : []))],
    )
    const knownTeams = new Set(teams.map((t) => t.name))
    const found = rows.map(({ row, data }) => {
      const match = matchPerson(people, data as UserData)
      if (match.kind === 'ambiguous')
        ctx.error(row, match.by, messages.ambiguousPerson(match.count, match.by, match.key), match.key)
      return match.kind === 'found' ? match.person : null
    })
    // Ids for the new people now, so a batch is one upsert on the primary key; a dry run only wastes numbers.
    const fresh = found.filter((p) => p === null).length
    const { rows: ids } = await ctx.pool.query<{ id: number }>(
      "SELECT nextval(pg_get_serial_sequence('users', 'id'))::int AS id FROM generate_series(1, $1)",
      [fresh],
    )
    const claimed = new Map<number, number>()
    return rows.map(({ row, data }, i) => {
      const user = data as UserData
      const stored: StoredPerson | null = found[i] ?? null
      if (stored !== null) {
        const other = claimed.get(stored.id)
        if (other !== undefined) ctx.error(row, 'name', messages.samePerson(other), user.name)
        claimed.set(stored.id, row)
      }
      if (user.team && !knownTeams.has(user.team)) ctx.willCreate('teams', user.team)
      return [
        stored?.id ?? ids.pop()!.id,
        user.externalId ?? stored?.externalId ?? null,
        user.email ?? stored?.email ?? null,
        user.name,
        user.role ?? stored?.role ?? 'REP',
        user.team ?? stored?.team ?? null,
        user.locale ?? stored?.locale ?? 'en',
        user.active ?? stored?.active ?? true,
      ]
    })
  },
  async write(run: RunSql, _importer, actor, rows) {
    const names = [...new Set(rows.flatMap((r) => (typeof r[TEAM] === 'string' ? [r[TEAM]] : [])))]
    const created = await run<{ id: number }>(
      `INSERT INTO teams (organization_id, name) SELECT $1, unnest($2::text[])
       ON CONFLICT (organization_id, name) DO NOTHING RETURNING id`,
      [actor.organizationId, names],
    )
    const teams = await run<{ id: number; name: string }>(
      'SELECT id, name FROM teams WHERE organization_id = $1 AND name = ANY($2::text[])',
      [actor.organizationId, names],
    )
    const teamIds = new Map(teams.map((t) => [t.name, t.id]))
    const withIds = rows.map((r) => r.map((v, i) => (i === TEAM && typeof v === 'string' ? teamIds.get(v)! : v)))
    const counts = await upsertRows(run, userImporter, actor, withIds)
    return created.length === 0 ? counts : { ...counts, created: { teams: created.length } }
  },
}
