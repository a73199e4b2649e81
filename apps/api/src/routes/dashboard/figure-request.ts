import { periodContaining, type Period, type PeriodType } from '@kpi/domain/periods'
import { parseScope, type Scope } from '@kpi/domain/scope'
import { localDateOf, toInstant, type Instant } from '@kpi/domain/time-zone'
import type pg from 'pg'
import { assertCanView } from '../../auth/access.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import { loadOrganizationSettings } from '../../kpi/settings.db.ts'
import type { FigureQuery } from './dashboard.schema.ts'

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
}

/**
 * Resolves the defaults (scope, today in the organisation's zone) and checks access before anything is read:
 * 404 for another organisation's scope, 403 for one of their own they may not see.
 */
export async function figureRequest(
  pool: pg.Pool,
  user: AuthUser,
  query: FigureQuery,
  now: Date,
): Promise<FigureRequest> {
  const scope = query.scope === undefined ? defaultScope(user) : parseScope(query.scope)!
  await assertCanView(pool, user, scope)
  const settings = await loadOrganizationSettings(pool, user.organizationId)
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
  }
}
