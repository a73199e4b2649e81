import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import type { Scope } from '@kpi/domain/scope'
import type pg from 'pg'
import { canEditTargetsFor, resolveScopeContext } from '../../auth/access.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import { HttpError } from '../../http-errors.ts'

// Who may set which targets is decided in auth/access.ts (canEditTargetsFor); this file applies it to a bulk
// request (one check per distinct scope, the error naming the first row that asks for it) and works out which
// scopes a list without a scope filter may show.

/** 404/403 naming `field` unless `user` may set targets for every scope in `scopes` (scope key → first field). */
export async function assertCanEditAll(
  pool: pg.Pool,
  user: AuthUser,
  scopes: Map<string, { scope: Scope; field: string }>,
) {
  for (const [key, { scope, field }] of scopes) {
    const decision = canEditTargetsFor(user, scope, await resolveScopeContext(pool, user, scope))
    if (decision === 'not_found') throw new HttpError('not_found', `scope ${key} not found`, field)
    if (decision === 'forbidden') throw new HttpError('forbidden', `you may not set targets for ${key}`, field)
  }
}

/** The scope keys whose targets `user` sees in an unfiltered list; null = all of the organisation (admins). */
export async function visibleTargetScopes(prisma: PrismaClient, user: AuthUser): Promise<string[] | null> {
  if (user.role === 'admin') return null
  const keys = [`rep:${user.id}`]
  if (user.teamId !== null) keys.push(`team:${user.teamId}`)
  if (user.role === 'manager' && user.managedTeamIds.length > 0) {
    const reps = await prisma.user.findMany({
      where: { organizationId: user.organizationId, teamId: { in: user.managedTeamIds } },
      select: { id: true },
    })
    keys.push(...user.managedTeamIds.map((id) => `team:${id}`), ...reps.map((r) => `rep:${r.id}`))
  }
  if (user.role === 'manager') {
    // The regions they manage (decision 0034).
    const regions = await prisma.region.findMany({
      where: { organizationId: user.organizationId, managerId: user.id },
      select: { id: true },
    })
    keys.push(...regions.map((r) => `region:${r.id}`))
  }
  return [...new Set(keys)]
}
