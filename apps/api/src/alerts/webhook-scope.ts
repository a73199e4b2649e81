import type pg from 'pg'
import { parseScope } from '@kpi/domain/scope'

/**
 * Which zone changes a webhook with a scope receives (decision 0040): those of its scope and of the scopes inside
 * it, as the organisation is arranged now — a region covers its teams and their reps, a team its reps, a rep only
 * themself; 'org' (like no scope) covers everything. A team's channel hears about the team and its people, and
 * nothing about another team.
 */
export type ScopeTree = { covers: (webhookScope: string | null, changeScope: string) => boolean }

export async function loadScopeTree(db: Pick<pg.Pool, 'query'>, organizationId: number): Promise<ScopeTree> {
  const [teams, reps] = await Promise.all([
    db.query<{ id: number; region_id: number | null }>('SELECT id, region_id FROM teams WHERE organization_id = $1', [
      organizationId,
    ]),
    db.query<{ id: number; team_id: number | null }>(
      'SELECT id, team_id FROM users WHERE organization_id = $1 AND team_id IS NOT NULL',
      [organizationId],
    ),
  ])
  const regionOfTeam = new Map(teams.rows.map((t) => [t.id, t.region_id]))
  const teamOfRep = new Map(reps.rows.map((r) => [r.id, r.team_id]))
  /** The scope keys a change of `scopeKey` belongs to: itself and every scope above it. */
  const within = (scopeKey: string): string[] => {
    const scope = parseScope(scopeKey)
    if (scope === null) return [scopeKey]
    if (scope.type === 'rep') {
      const team = teamOfRep.get(scope.id)
      return [scopeKey, ...(team == null ? [] : within(`team:${team}`))]
    }
    if (scope.type === 'team') {
      const region = regionOfTeam.get(scope.id)
      return [scopeKey, ...(region == null ? [] : [`region:${region}`])]
    }
    return [scopeKey]
  }
  return {
    covers: (webhookScope, changeScope) =>
      webhookScope === null || webhookScope === 'org' || within(changeScope).includes(webhookScope),
  }
}
