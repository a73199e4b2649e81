import type pg from 'pg'
import type { Scope } from '@kpi/domain/scope'
import { canViewScope, type ScopeContext } from '../auth/access.ts'
import { roleFromDb, type AuthUser } from '../auth/auth-user.ts'

/**
 * Who is told about a scope: exactly the active users `canViewScope` lets see it (admins; the manager of a
 * team for the team and its reps; a rep for themself and their own team; teammates only with the leaderboard
 * on). Loaded once per detection run, so the rules are applied in memory for every scope.
 */
export type Audience = { recipientsOf: (scope: Scope) => number[] }

export async function loadAudience(db: Pick<pg.Pool, 'query'>, organizationId: number): Promise<Audience> {
  const { rows } = await db.query<{
    id: number
    role: string
    team_id: number | null
    name: string
    email: string
    managed: number[]
    leaderboard_enabled: boolean
  }>(
    `SELECT u.id, u.role, u.team_id, u.name, u.email, o.leaderboard_enabled,
            coalesce(array_agg(t.id ORDER BY t.id) FILTER (WHERE t.id IS NOT NULL AND u.role = 'MANAGER'), '{}') AS managed
       FROM users u
       JOIN organizations o ON o.id = u.organization_id
       LEFT JOIN teams t ON t.manager_id = u.id AND t.active
      -- A person without sign-in (decision 0028) would never read a notification: none are stored for them.
      WHERE u.organization_id = $1 AND u.active AND u.email IS NOT NULL AND u.password_hash IS NOT NULL
      GROUP BY u.id, o.leaderboard_enabled
      ORDER BY u.id`,
    [organizationId],
  )
  const users: AuthUser[] = rows.map((r) => ({
    id: r.id,
    organizationId,
    role: roleFromDb(r.role),
    teamId: r.team_id,
    managedTeamIds: r.managed,
    name: r.name,
    email: r.email,
  }))
  const teamOf = new Map(rows.map((r) => [r.id, r.team_id]))
  const leaderboardEnabled = rows[0]?.leaderboard_enabled ?? false
  return {
    recipientsOf(scope) {
      const ctx: ScopeContext = {
        organizationId,
        repTeamId: scope.type === 'rep' ? (teamOf.get(scope.id) ?? null) : null,
        leaderboardEnabled,
      }
      return users.filter((user) => canViewScope(user, scope, ctx) === 'allowed').map((user) => user.id)
    },
  }
}
