import { periodContaining, type Period, type PeriodSettings, type PeriodType } from '@kpi/domain/periods'
import { parseScope, type Scope } from '@kpi/domain/scope'
import { localDateOf, toInstant, type Instant } from '@kpi/domain/time-zone'
import type pg from 'pg'
import {
  assertAllowed,
  canViewScope,
  SCOPE_CONTEXT_COLUMNS,
  scopeContextFrom,
  scopeContextJoin,
  scopeContextParams,
  type ScopeContextRow,
} from '../../auth/access.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import {
  DATA_VERSION_COLUMNS,
  DATA_VERSION_JOIN,
  dataVersionFrom,
  type DataVersion,
  type DataVersionRow,
} from '../../kpi/answer-cache.ts'
import { ORGANIZATION_SETTINGS_COLUMNS, settingsFrom, type OrganizationSettingsRow } from '../../kpi/settings.db.ts'
import type { FigureQuery } from '@kpi/contract/dashboard'

/**
 * The natural scope of a user when they name none: a rep sees themselves, a manager their first team (lowest
 * id, so the choice is stable), an admin the organisation. A manager without a team falls back to their own
 * figures, which they may always see.
 */
export function defaultScope(user: AuthUser): Scope {
  if (user.role === 'admin') return { type: 'org' }
  if (user.role === 'manager' && user.managedTeamIds.length > 0)
    return { type: 'team', id: Math.min(...user.managedTeamIds) }
  return { type: 'rep', id: user.id }
}

export type FigureRequest = {
  organizationId: number
  scope: Scope
  periodType: PeriodType
  date: string
  now: Instant
  locale: 'en' | 'nl'
  period: Period
  /** The organisation's time zone and fiscal year (the KPI records' windows besides the period need them). */
  periodSettings: PeriodSettings
  /** The organisation's "team leaderboard" switch (may reps read their teammates' figures?). */
  leaderboardEnabled: boolean
  /** The organisation's KPI data version, read in the same snapshot as the settings: the answer cache's key. */
  dataVersion: DataVersion
}

/**
 * Resolves the defaults (scope, today in the organisation's zone) and checks access before anything is read:
 * 404 for another organisation's scope, 403 for one of their own they may not see. One statement fetches the
 * access facts, the organisation's settings and its data version, because a cached answer needs nothing else
 * (with the session lookup, a warm dashboard is two queries).
 */
export async function figureRequest(
  pool: pg.Pool,
  user: AuthUser,
  query: FigureQuery,
  now: Date,
): Promise<FigureRequest> {
  const scope = query.scope === undefined ? defaultScope(user) : parseScope(query.scope)!
  const { rows } = await pool.query<ScopeContextRow & OrganizationSettingsRow & DataVersionRow>(
    `SELECT ${SCOPE_CONTEXT_COLUMNS}, ${ORGANIZATION_SETTINGS_COLUMNS}, ${DATA_VERSION_COLUMNS}
       FROM organizations org ${scopeContextJoin(scope)} ${DATA_VERSION_JOIN}
      WHERE org.id = $2`,
    scopeContextParams(user, scope),
  )
  const row = rows[0]
  const context = scopeContextFrom(row)
  assertAllowed(canViewScope(user, scope, context), scope)
  // Allowed implies the organisation's row was found (the scope must be in the user's organisation).
  const settings = settingsFrom(row!)
  const instant = toInstant(now)
  const date = query.date ?? localDateOf(instant, settings.timeZone)
  return {
    organizationId: user.organizationId,
    scope,
    periodType: query.period,
    date,
    now: instant,
    locale: query.locale,
    period: periodContaining(date, query.period, settings),
    periodSettings: { timeZone: settings.timeZone, fiscalYearStartMonth: settings.fiscalYearStartMonth },
    leaderboardEnabled: context.leaderboardEnabled,
    dataVersion: dataVersionFrom(row),
  }
}
