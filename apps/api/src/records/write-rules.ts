import type pg from 'pg'
import { HttpError } from '../http-errors.ts'
import type { Actor } from './actor.ts'
import type { EntityDef, RefKind } from './entity.ts'

export const refTable: Record<RefKind, string> = {
  user: 'users',
  customer: 'customers',
  lead: 'leads',
  deal: 'deals',
  product: 'products',
  team: 'teams',
}

/**
 * Checks who may write `row` and that its references exist in the actor's organisation; fills in the owner
 * (the actor when absent) and returns the owner's current team, which the row's team_id takes (decision 0001).
 *   rep     → only records they own; assigning one to someone else is 403;
 *   manager → owners in the teams they manage; survey responses of those teams or none;
 *   admin   → any owner in the organisation.
 */
export async function authorizeWrite(
  pool: pg.Pool,
  def: EntityDef,
  actor: Actor,
  row: Record<string, unknown>,
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
  if (def.visibility.kind === 'team-or-none' && actor.role === 'manager') {
    const teamId = row['teamId'] as number | null | undefined
    if (teamId != null && !actor.managedTeamIds.includes(teamId))
      throw new HttpError('forbidden', 'you do not manage this team', 'body.teamId')
  }
  for (const field of def.fields) {
    if (!field.ref || field.name === def.ownerField || row[field.name] == null) continue
    const { rowCount } = await pool.query(
      `SELECT 1 FROM ${refTable[field.ref.kind]} WHERE id = $1 AND organization_id = $2`,
      [row[field.name], actor.organizationId],
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
