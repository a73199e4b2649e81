import type pg from 'pg'
import type { Actor } from '../records/actor.ts'
import type { RefKind } from '../records/entity.ts'
import { entities, visibleRefs } from '../records/registry.ts'
import { visibleWhere } from '../records/visibility.ts'

export type Referenced = { id: number; teamId: number | null; visible: boolean }
/** A name that several records share: the row must use a unique key instead. */
export type Ambiguous = { ambiguous: number }

/** The keys of a file as the lookup reads them: trimmed (the exact form), lower-cased, and squashed. */
export function normaliseKey(_kind: RefKind, key: string): string {
  return key.trim()
}
const lower = (key: string) => key.trim().toLowerCase()
/** Case, spaces and punctuation dropped (`GTXPro` = `GTX Pro`); ASCII only, exactly as the SQL below does it. */
const squash = (key: string) => key.toLowerCase().replace(/[^a-z0-9]+/g, '')
const SQUASH_SQL = (column: string) => `regexp_replace(lower(${column}), '[^a-z0-9]+', '', 'g')`

const forms = { exact: (key: string) => key.trim(), lower, squash }
type Form = keyof typeof forms

// Each kind's keys in order of preference: a file names a record by its unique key where it has one, by its
// name otherwise. `$2` holds the exact keys, `$3` the lower-cased ones, `$4` the squashed ones; `visible` is the
// actor's visibility condition on alias t. Every branch answers (key in its form, rank, id, team, visible).
const lookups: Record<RefKind, { ranks: Form[]; sql: (visible: string) => string }> = {
  user: {
    ranks: ['lower', 'exact', 'lower'],
    sql: () => `SELECT lower(t.email) AS key, 0 AS rank, t.id, t.team_id, TRUE AS visible FROM users t
                 WHERE t.organization_id = $1 AND lower(t.email) = ANY($3::text[])
                UNION ALL
                SELECT t.external_id, 1, t.id, t.team_id, TRUE FROM users t
                 WHERE t.organization_id = $1 AND t.external_id = ANY($2::text[])
                UNION ALL
                SELECT lower(btrim(t.name)), 2, t.id, t.team_id, TRUE FROM users t
                 WHERE t.organization_id = $1 AND lower(btrim(t.name)) = ANY($3::text[])`,
  },
  customer: {
    ranks: ['exact', 'lower'],
    sql: (
      visible,
    ) => `SELECT t.external_id AS key, 0 AS rank, t.id, NULL::int AS team_id, (${visible}) IS TRUE AS visible
                         FROM customers t WHERE t.organization_id = $1 AND t.external_id = ANY($2::text[])
                        UNION ALL
                       SELECT lower(btrim(t.name)), 1, t.id, NULL::int, (${visible}) IS TRUE
                         FROM customers t WHERE t.organization_id = $1 AND lower(btrim(t.name)) = ANY($3::text[])`,
  },
  lead: { ranks: ['exact'], sql: (visible) => byExternalId('leads', visible) },
  deal: { ranks: ['exact'], sql: (visible) => byExternalId('deals', visible) },
  product: {
    ranks: ['exact', 'exact', 'exact', 'squash'],
    sql: () => `SELECT p.external_id AS key, 0 AS rank, p.id, NULL::int AS team_id, TRUE AS visible FROM products p
                 WHERE p.organization_id = $1 AND p.external_id = ANY($2::text[])
                UNION ALL
                SELECT p.name, 1, p.id, NULL::int, TRUE FROM products p
                 WHERE p.organization_id = $1 AND p.name = ANY($2::text[])
                UNION ALL
                SELECT a.alias, 2, a.product_id, NULL::int, TRUE FROM product_aliases a
                 WHERE a.organization_id = $1 AND a.alias = ANY($2::text[])
                UNION ALL
                SELECT k.key, 3, k.id, NULL::int, TRUE FROM (
                  SELECT ${SQUASH_SQL('p.name')} AS key, p.id FROM products p WHERE p.organization_id = $1
                  UNION ALL
                  SELECT ${SQUASH_SQL('a.alias')}, a.product_id FROM product_aliases a WHERE a.organization_id = $1
                ) k WHERE k.key = ANY($4::text[])`,
  },
  team: { ranks: ['exact', 'lower'], sql: () => byName('teams') },
  region: { ranks: ['exact', 'lower'], sql: () => byName('regions') },
}

/** Teams and regions: by their name as written, else in any case and without outer spaces. */
function byName(table: 'teams' | 'regions'): string {
  return `SELECT t.name AS key, 0 AS rank, t.id, NULL::int AS team_id, TRUE AS visible FROM ${table} t
           WHERE t.organization_id = $1 AND t.name = ANY($2::text[])
          UNION ALL
          SELECT lower(btrim(t.name)), 1, t.id, NULL::int, TRUE FROM ${table} t
           WHERE t.organization_id = $1 AND lower(btrim(t.name)) = ANY($3::text[])`
}

function byExternalId(table: string, visible: string): string {
  return `SELECT t.external_id AS key, 0 AS rank, t.id, NULL::int AS team_id, (${visible}) IS TRUE AS visible
            FROM ${table} t WHERE t.organization_id = $1 AND t.external_id = ANY($2::text[])`
}

/** What one lookup found: per rank, key (in that rank's form) → the records it names. */
export class References {
  private readonly ranks: Form[]
  private readonly found: Map<string, Referenced[]>[]

  constructor(ranks: Form[], found: Map<string, Referenced[]>[]) {
    this.ranks = ranks
    this.found = found
  }

  /**
   * The record `key` names: the first rank that knows the key decides. Several records there (a shared name) is
   * Ambiguous, counting only those the actor may see, so a hidden namesake neither blocks nor shows. A record
   * the actor may not see is still returned (visible: false): the importer decides (a row may keep it).
   */
  resolve(key: string): Referenced | Ambiguous | undefined {
    for (const [rank, form] of this.ranks.entries()) {
      const formed = forms[form](key)
      const candidates = formed === '' ? undefined : this.found[rank]!.get(formed)
      if (!candidates) continue
      const visible = candidates.filter((c) => c.visible)
      if (visible.length > 1) return { ambiguous: visible.length }
      return visible[0] ?? (candidates.length === 1 ? candidates[0] : undefined)
    }
    return undefined
  }

  /** The record `key` names unambiguously, else undefined. */
  get(key: string): Referenced | undefined {
    const resolved = this.resolve(key)
    return resolved && 'id' in resolved ? resolved : undefined
  }
}

/**
 * One query for every distinct key of one reference type: users by e-mail (any case), external id or name (any
 * case, trimmed); customers by external id or name; products by external id, name, alias, or a name or alias
 * up to case, spaces and punctuation; leads and deals by external id; teams and regions by name (any case). Whether `actor` may see
 * each record comes along (always true for users, products and teams, and without an actor).
 */
export async function lookUp(
  pool: Pick<pg.Pool, 'query'>,
  organizationId: number,
  kind: RefKind,
  keys: Iterable<string>,
  actor?: Actor,
): Promise<References> {
  const { ranks, sql } = lookups[kind]
  const distinct = [...new Set(keys)]
  const found = ranks.map(() => new Map<string, Referenced[]>())
  const result = new References(ranks, found)
  if (distinct.length === 0) return result
  const formed = (form: Form) => [...new Set(distinct.map(forms[form]))].filter((k) => k !== '')
  const params: unknown[] = [organizationId, formed('exact'), formed('lower'), formed('squash')]
  const entity = visibleRefs[kind]
  const visible = actor && entity ? visibleWhere(entities[entity], actor, params) : 'true'
  // Every query names $2–$4, even a kind that reads only one form: PostgreSQL refuses a parameter it cannot type.
  const { rows } = await pool.query<{
    key: string
    rank: number
    id: number
    team_id: number | null
    visible: boolean
  }>(
    `SELECT r.* FROM (${sql(visible)}) r
      WHERE cardinality($2::text[]) + cardinality($3::text[]) + cardinality($4::text[]) > 0`,
    params,
  )
  for (const row of rows) {
    const byKey = found[row.rank]!
    const list = byKey.get(row.key) ?? []
    if (!list.some((r) => r.id === row.id)) list.push({ id: row.id, teamId: row.team_id, visible: row.visible })
    byKey.set(row.key, list)
  }
  return result
}
