/**
 * KPI detail's leaderboard: each rep of the breakdown with their full target for the period and a status by the
 * same rules as the card (pro-rated comparison for sum KPIs, the team's threshold override for team scopes).
 * A rep's target is their own (for a day or week: set, else derived from their month, quarter or year target,
 * the card's rule `scopeTarget`); in a team scope, without one, their share of the team's (itself set or
 * derived) when the organisation splits team targets. Two statements (the reps' targets and the coarser
 * ones) whatever the number of reps.
 */
import type pg from 'pg'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { KPIS } from '@kpi/domain/kpis/registry'
import { hasStarted } from '@kpi/domain/periods'
import { kpiStatus } from '@kpi/domain/status'
import { proRatedTarget, splitTeamTarget } from '@kpi/domain/targets'
import type { AuthUser } from '../auth/auth-user.ts'
import type { BreakdownRow, LeaderboardRow } from '@kpi/contract/dashboard'
import { DERIVED_FROM } from '@kpi/domain/derived-targets'
import { scopeTarget, targetFor } from './kpi-card.ts'
import { thresholdFor, type KpiView } from './kpi-view.ts'
import { loadParentTargets, loadTargets } from './settings.db.ts'

export async function repLeaderboard(
  pool: pg.Pool,
  view: KpiView,
  key: KpiKey,
  rows: BreakdownRow[],
): Promise<LeaderboardRow[]> {
  if (rows.length === 0) return []
  const kpi = KPIS[key]
  const { organizationId, scope, periodType } = view.request
  const { startDate } = view.period
  const repKeys = rows.map((r) => r.key)
  // A rep's own target for a day or week is derived from their month (…) target exactly as on their card.
  const [targets, parentTargets] = await Promise.all([
    loadTargets(pool, { organizationId, scopeKeys: repKeys, periodType, periodStarts: [startDate] }),
    loadParentTargets(pool, {
      organizationId,
      scopeKeys: repKeys,
      periodTypes: DERIVED_FROM[periodType],
      from: startDate,
      to: view.period.endDate,
    }),
  ])
  const repTables = { targets, parentTargets, settings: view.settings }
  const teamTarget = scope.type === 'team' ? targetFor(view, key, view.period)?.value : undefined
  const teamShare =
    teamTarget !== undefined && view.settings.splitTeamTargets
      ? splitTeamTarget(teamTarget, view.breakdownMembers.length, kpi.accumulation)
      : null
  const threshold = thresholdFor(view, key)
  const started = hasStarted(view.period, view.request.now)
  return rows.map((row) => {
    const target = scopeTarget(repTables, key, row.key, view.period)?.value ?? teamShare
    const comparison =
      target === null ? null : kpi.accumulation === 'sum' ? proRatedTarget(target, view.progress) : target
    const { status } = kpiStatus({ direction: kpi.direction, value: row.value, threshold, target: comparison, started })
    return { ...row, target, status }
  })
}

/**
 * The reps' lines `viewer` may see (SPEC: a rep reads another rep's figures only where an admin turned on the
 * team leaderboard). Admins and managers reach this only for scopes they may view, which cover every line.
 */
export async function visibleLeaderboard(
  pool: pg.Pool,
  viewer: Pick<AuthUser, 'id' | 'role' | 'organizationId'> | undefined,
  rows: LeaderboardRow[],
): Promise<LeaderboardRow[]> {
  if (viewer === undefined || viewer.role !== 'rep' || rows.length === 0) return rows
  return (await leaderboardEnabled(pool, viewer.organizationId))
    ? rows
    : rows.filter((r) => r.key === `rep:${viewer.id}`)
}

/** The organisation's "team leaderboard" switch: may reps read their teammates' figures? */
export async function leaderboardEnabled(pool: pg.Pool, organizationId: number): Promise<boolean> {
  const { rows } = await pool.query<{ leaderboard_enabled: boolean }>(
    'SELECT leaderboard_enabled FROM organizations WHERE id = $1',
    [organizationId],
  )
  return rows[0]?.leaderboard_enabled ?? false
}
