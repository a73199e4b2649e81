/**
 * Scope: whom a KPI is computed for. Printed form is the database's scope_key: 'org', 'region:2', 'team:3',
 * 'rep:7', 'customer:9' (targets and thresholds are unique per scope_key). A region is a group of teams: its
 * figures are those of its teams (decision 0034).
 *
 * Exports: Scope, ScopeType, SCOPE_TYPES, parseScope, printScope, sameScope.
 */

export const SCOPE_TYPES = ['org', 'region', 'team', 'rep', 'customer'] as const
export type ScopeType = (typeof SCOPE_TYPES)[number]

export type Scope =
  | { type: 'org' }
  | { type: 'region'; id: number }
  | { type: 'team'; id: number }
  | { type: 'rep'; id: number }
  | { type: 'customer'; id: number }

const SCOPE_KEY = /^(region|team|rep|customer):([1-9]\d{0,9})$/
// Scope ids are database keys (PostgreSQL int4): a larger one names nothing and must not reach a query.
const MAX_ID = 2_147_483_647

/** 'org' | 'region:2' | 'team:3' | 'rep:7' | 'customer:9' → Scope; null for anything else (ids are positive int4 integers). */
export function parseScope(text: string): Scope | null {
  if (text === 'org') return { type: 'org' }
  const m = SCOPE_KEY.exec(text)
  if (!m) return null
  const id = Number(m[2])
  if (id > MAX_ID) return null
  return { type: m[1] as Exclude<ScopeType, 'org'>, id }
}

/** Scope → 'org' | 'region:2' | 'team:3' | 'rep:7' | 'customer:9'. */
export function printScope(scope: Scope): string {
  return scope.type === 'org' ? 'org' : `${scope.type}:${scope.id}`
}

export function sameScope(a: Scope, b: Scope): boolean {
  return printScope(a) === printScope(b)
}
