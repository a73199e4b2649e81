import type pg from 'pg'

/** A stored user as the people imports compare and complete it. */
export type StoredPerson = {
  id: number
  externalId: string | null
  email: string | null
  name: string
  role: 'ADMIN' | 'MANAGER' | 'REP'
  team: string | null
  locale: string
  active: boolean
}

/** How a file names a person: any of external id, e-mail (lower case) and name. */
export type PersonRef = { externalId?: string | undefined; email?: string | undefined; name?: string | undefined }

export type People = StoredPerson[]

/** Every stored person of the organisation that one of `refs` could name: one query per batch. */
export async function findPeople(
  pool: Pick<pg.Pool, 'query'>,
  organizationId: number,
  refs: PersonRef[],
): Promise<People> {
  const pick = (key: keyof PersonRef, lower: boolean) => [
    ...new Set(refs.flatMap((r) => (r[key] ? [lower ? r[key].toLowerCase() : r[key]] : []))),
  ]
  const { rows } = await pool.query<StoredPerson>(
    `SELECT u.id, u.external_id AS "externalId", u.email, u.name, u.role::text AS role, t.name AS team, u.locale,
            u.active
       FROM users u LEFT JOIN teams t ON t.id = u.team_id
      WHERE u.organization_id = $1
        AND (u.external_id = ANY($2::text[]) OR lower(u.email) = ANY($3::text[]) OR lower(u.name) = ANY($4::text[]))`,
    [organizationId, pick('externalId', false), pick('email', true), pick('name', true)],
  )
  return rows
}

export type PersonMatch =
  | { kind: 'found'; person: StoredPerson }
  | { kind: 'new' }
  | { kind: 'ambiguous'; by: 'name' | 'email'; key: string; count: number }

/**
 * The stored person a row names: by external id, else by e-mail, else by name — a name only matches someone
 * whose stored e-mail and external id do not contradict the row's. Several people of that name: ambiguous.
 * An e-mail that belongs to someone with another external id is ambiguous too (it cannot go to two people).
 */
export function matchPerson(people: People, ref: PersonRef): PersonMatch {
  const email = ref.email?.toLowerCase()
  if (ref.externalId) {
    const person = people.find((p) => p.externalId === ref.externalId)
    if (person) return { kind: 'found', person }
  }
  if (email) {
    const person = people.find((p) => p.email?.toLowerCase() === email)
    if (person && person.externalId !== null && ref.externalId && person.externalId !== ref.externalId)
      return { kind: 'ambiguous', by: 'email', key: email, count: 2 }
    if (person) return { kind: 'found', person }
  }
  if (!ref.name) return { kind: 'new' }
  const name = ref.name.toLowerCase()
  const named = people.filter(
    (p) =>
      p.name.toLowerCase() === name &&
      (p.email === null || email === undefined || p.email.toLowerCase() === email) &&
      (p.externalId === null || !ref.externalId || p.externalId === ref.externalId),
  )
  if (named.length === 1) return { kind: 'found', person: named[0]! }
  if (named.length > 1) return { kind: 'ambiguous', by: 'name', key: ref.name, count: named.length }
  return { kind: 'new' }
}
