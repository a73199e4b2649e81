import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { MeResponse as Me } from '@kpi/contract/me'

type T = (key: MessageKey, vars?: MessageVars) => string

export type ScopeOption = { value: string; label: string }

/**
 * The scopes a user may pick, each named for what it shows. The empty value is the API's default scope, so its
 * label must say what that default is: the organisation for an admin, the lowest-id managed team for a manager
 * (apps/api/src/routes/dashboard/figure-request.ts), the rep's own figures for a rep.
 */
export function scopeOptions(me: Me | null, t: T): ScopeOption[] {
  if (!me) return []
  const { user } = me
  const teams = [...user.managedTeams].sort((a, b) => a.id - b.id)
  // Regions sit between the organisation and its teams (decision 0034): admins see all, managers the ones they manage.
  const regions = (user.regions ?? []).map((region) => ({
    value: `region:${region.id}`,
    label: t('dashboard.scopeRegion', { name: region.name }),
  }))
  if (user.role === 'admin') {
    // Every region and every active team, by name, after the organisation.
    return [
      { value: '', label: t('dashboard.scopeOrg') },
      ...regions,
      ...user.teams.map((team) => ({ value: `team:${team.id}`, label: t('dashboard.scopeTeam', { name: team.name }) })),
    ]
  }
  if (user.role === 'manager' && teams.length > 0) {
    return [
      ...teams.map((team, i) => ({
        value: i === 0 ? '' : `team:${team.id}`,
        label: t('dashboard.scopeTeam', { name: team.name }),
      })),
      ...regions,
      // Managers may always see their own personal figures (deals and activities they own themselves).
      { value: `rep:${user.id}`, label: t('dashboard.scopeOwn') },
    ]
  }
  // A rep (or a manager without a team) sees their own figures by default, and the totals of their own team.
  const options = [{ value: '', label: t('dashboard.scopeOwn') }, ...regions]
  if (user.team)
    options.push({ value: `team:${user.team.id}`, label: t('dashboard.scopeTeamTotals', { name: user.team.name }) })
  return options
}
