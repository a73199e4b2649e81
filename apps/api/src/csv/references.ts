import type pg from 'pg'
import type { Actor } from '../records/actor.ts'
import type { RefKind } from '../records/entity.ts'
import { entities, visibleRefs } from '../records/registry.ts'
import { visibleWhere } from '../records/visibility.ts'

export type Referenced = { id: number; teamId: number | null; visible: boolean }

/** How a CSV names each kind of record, for messages: `no user with email "x"`. */
export const refKeyName: Record<RefKind, string> = {
  user: 'email',
  customer: 'external id',
  lead: 'external id',
  deal: 'external id',
  product: 'external id or name',
  team: 'name',
}

/** Emails compare case-insensitively (people type them every which way); other keys are exact. */
export function normaliseKey(kind: RefKind, key: string): string {
  return kind === 'user' ? key.trim().toLowerCase() : key.trim()
}

const recordLookup = (table: string) => (visible: string) =>
  `SELECT t.external_id AS key, t.id, NULL::int AS team_id, (${visible}) IS TRUE AS visible FROM ${table} t
    WHERE t.organization_id = $1 AND t.external_id = ANY($2::text[])`

/** The lookup of each kind; `visible` is the actor's visibility condition on alias t (leads, deals, customers). */
const lookupSql: Record<RefKind, (visible: string) => string> = {
  user: () =>
    `SELECT lower(email) AS key, id, team_id, TRUE AS visible FROM users
      WHERE organization_id = $1 AND lower(email) = ANY($2::text[])`,
  customer: recordLookup('customers'),
  lead: recordLookup('leads'),
  deal: recordLookup('deals'),
  // A product is named by its external id or, in hand-made files, by its name; the external id wins.
  product: () => `SELECT k.key, p.id, NULL::int AS team_id, TRUE AS visible FROM products p
              CROSS JOIN LATERAL (VALUES (p.name, 2), (p.external_id, 1)) AS k(key, rank)
             WHERE p.organization_id = $1 AND k.key = ANY($2::text[]) ORDER BY k.rank DESC`,
  team: () =>
    `SELECT name AS key, id, NULL::int AS team_id, TRUE AS visible FROM teams
      WHERE organization_id = $1 AND name = ANY($2::text[])`,
}

/**
 * One query for every distinct key of one reference type: key → id (and, for users, their current team), and
 * whether `actor` may see that record (always true for users, products and teams, and without an actor).
 */
export async function lookUp(
  pool: Pick<pg.Pool, 'query'>,
  organizationId: number,
  kind: RefKind,
  keys: Iterable<string>,
  actor?: Actor,
): Promise<Map<string, Referenced>> {
  const distinct = [...new Set(keys)]
  const found = new Map<string, Referenced>()
  if (distinct.length === 0) return found
  const params: unknown[] = [organizationId, distinct]
  const entity = visibleRefs[kind]
  const visible = actor && entity ? visibleWhere(entities[entity], actor, params) : 'true'
  const { rows } = await pool.query<{ key: string; id: number; team_id: number | null; visible: boolean }>(
    lookupSql[kind](visible),
    params,
  )
  // Later rows win, which the product query's ORDER BY uses to prefer an external-id match over a name match.
  for (const row of rows) found.set(row.key, { id: row.id, teamId: row.team_id, visible: row.visible })
  return found
}
