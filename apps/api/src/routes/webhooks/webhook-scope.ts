import type pg from 'pg'
import { parseScope } from '@kpi/domain/scope'
import { canViewScope, resolveScopeContext } from '../../auth/access.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import { HttpError } from '../../http-errors.ts'

/**
 * Refuses, as a 400 naming body.scope, a webhook scope that names no region, team or person of the admin's own
 * organisation (another organisation's team reads the same as one that does not exist). null and 'org' pass.
 */
export async function assertOwnScope(
  db: Pick<pg.Pool, 'query'>,
  user: AuthUser,
  scopeKey: string | null | undefined,
): Promise<void> {
  if (scopeKey === null || scopeKey === undefined) return
  const scope = parseScope(scopeKey)
  const decision = scope && canViewScope(user, scope, await resolveScopeContext(db, user, scope))
  if (decision !== 'allowed')
    throw new HttpError(
      'validation_failed',
      `${scopeKey} is not a region, team or person of this organisation`,
      'body.scope',
    )
}
