import type pg from 'pg'
import { HttpError } from '../http-errors.ts'
import type { Actor } from './actor.ts'
import type { EntityDef, RefKind } from './entity.ts'
import { entities, visibleRefs } from './registry.ts'
import { visibleWhere } from './visibility.ts'

export const refTable: Record<RefKind, string> = {
  user: 'users',
  customer: 'customers',
  lead: 'leads',
  deal: 'deals',
  product: 'products',
  team: 'teams',
  region: 'regions',
}

/**
 * Checks who may write `row` and that its references exist and are visible to the actor; fills in the owner
 * (the actor when absent) and returns the owner's current team, which the row's team_id takes (decision 0001).
 *   rep     → only records they own; assigning one to someone else is 403;
 *   manager → owners in the teams they manage; survey responses of those teams or their customers;
 *   admin   → any owner in the organisation.
 * A reference to a lead, deal or customer the actor cannot see gets the answer a missing id gets (no oracle,
 * and no way into another team's figures). With `existing` (a PATCH), references it already has are kept
 * unchecked: who may see them has changed since, not what the writer asks for.
 */
export async function authorizeWrite(
  pool: pg.Pool,
  def: EntityDef,
  actor: Actor,
  row: Record<string, unknown>,
  existing?: Record<string, unknown>,
): Promise<{ ownerTeamId: number | null }> {
  if (!def.roles.write.includes(actor.role)) throw new HttpError('forbidden', `your role may not change ${def.entity}`)
  let ownerTeamId: number | null = null
  if (def.ownerField) {
    row[def.ownerField] ??= actor.id
    const ownerId = row[def.ownerField] as number
    const { rows } = await pool.query<{ team_id: number | null }>(
      'SELECT team_id FROM users WHERE id = $1 AND organization_id = $2',
      [ownerId, actor.organizationId],
    )
    if (!rows[0]) throw new HttpError('validation_failed', `user ${ownerId} not found`, `body.${def.ownerField}`)
    ownerTeamId = rows[0].team_id
    if (actor.role === 'rep' && ownerId !== actor.id)
      throw new HttpError('forbidden', 'a rep can only own their own records', `body.${def.ownerField}`)
    if (actor.role === 'manager' && (ownerTeamId === null || !actor.managedTeamIds.includes(ownerTeamId)))
      throw new HttpError('forbidden', 'the owner is not in a team you manage', `body.${def.ownerField}`)
  }
  if (def.visibility.kind === 'team-or-customer' && actor.role === 'manager') {
    // Both what is stored and what it would become: a manager neither changes the organisation's responses
    // nor hands one of theirs to it.
    if (existing) await assertManagesResponse(pool, actor, existing)
    await assertManagesResponse(pool, actor, row)
  }
  for (const field of def.fields) {
    if (!field.ref || field.name === def.ownerField || row[field.name] == null) continue
    if (existing && existing[field.name] === row[field.name]) continue
    const target = visibleRefs[field.ref.kind]
    const params: unknown[] = [row[field.name]]
    const where = target
      ? visibleWhere(entities[target], actor, params)
      : `t.organization_id = $${params.push(actor.organizationId)}`
    const { rowCount } = await pool.query(
      `SELECT 1 FROM ${refTable[field.ref.kind]} t WHERE t.id = $1 AND ${where}`,
      params,
    )
    if (rowCount === 0)
      throw new HttpError(
        'validation_failed',
        `${field.ref.kind} ${String(row[field.name])} not found`,
        `body.${field.name}`,
      )
  }
  return { ownerTeamId }
}

/** Who may delete `existing` (a record the actor can see): the writers of the entity, as for a change. */
export async function authorizeDelete(
  pool: pg.Pool,
  def: EntityDef,
  actor: Actor,
  existing: Record<string, unknown>,
): Promise<void> {
  if (!def.roles.write.includes(actor.role)) throw new HttpError('forbidden', `your role may not change ${def.entity}`)
  if (def.visibility.kind === 'team-or-customer' && actor.role === 'manager')
    await assertManagesResponse(pool, actor, existing)
}

/** A survey response's team is its own, else its customer's owner's: it must be one the manager manages. */
async function assertManagesResponse(pool: pg.Pool, actor: Actor, row: Record<string, unknown>): Promise<void> {
  const teamId = row['teamId'] as number | null | undefined
  if (teamId != null) {
    if (!actor.managedTeamIds.includes(teamId))
      throw new HttpError('forbidden', 'you do not manage this team', 'body.teamId')
    return
  }
  const customerId = row['customerId'] as number | null | undefined
  if (customerId == null)
    throw new HttpError(
      'forbidden',
      'a response without a team or customer belongs to the organisation: ask an admin',
      'body.teamId',
    )
  const { rows } = await pool.query<{ team_id: number | null }>(
    'SELECT u.team_id FROM customers c JOIN users u ON u.id = c.owner_id WHERE c.id = $1 AND c.organization_id = $2',
    [customerId, actor.organizationId],
  )
  const customerTeam = rows[0]?.team_id
  if (customerTeam == null || !actor.managedTeamIds.includes(customerTeam))
    throw new HttpError('validation_failed', `customer ${customerId} not found`, 'body.customerId')
}
