import type { Actor } from './actor.ts'
import type { EntityDef } from './entity.ts'

/**
 * The WHERE clause limiting `def`'s rows (aliased `t`) to what `actor` may see, pushing its parameters onto
 * `params`. Always includes the organisation, so another organisation's id reads as "not found".
 *   admin   → the whole organisation;
 *   manager → rows of the teams they manage (team_id, or the owner's team for customers; survey responses
 *             without a team by their customer's owner's team, and the organisation's without either);
 *   rep     → rows they own.
 */
export function visibleWhere(def: EntityDef, actor: Actor, params: unknown[]): string {
  params.push(actor.organizationId)
  const org = `t.organization_id = $${params.length}`
  if (actor.role === 'admin' || def.visibility.kind === 'organisation') return org
  const v = def.visibility
  if (actor.role === 'rep') {
    if (v.kind === 'team-or-customer') return 'false'
    params.push(actor.id)
    return `${org} AND t.${v.ownerColumn} = $${params.length}`
  }
  params.push(actor.managedTeamIds)
  const teams = `$${params.length}::int[]`
  switch (v.kind) {
    case 'owned':
      return `${org} AND t.team_id = ANY(${teams})`
    case 'owned-via-user-team':
      return `${org} AND t.${v.ownerColumn} IN (SELECT u.id FROM users u WHERE u.team_id = ANY(${teams}))`
    case 'team-or-customer':
      return `${org} AND (t.team_id = ANY(${teams}) OR (t.team_id IS NULL AND (t.customer_id IS NULL OR t.customer_id IN (
        SELECT c.id FROM customers c JOIN users u ON u.id = c.owner_id WHERE u.team_id = ANY(${teams})))))`
  }
}
