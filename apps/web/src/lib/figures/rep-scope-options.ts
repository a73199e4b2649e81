import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { MeResponse as Me } from '@kpi/contract/me'
import type { UserOut } from '@kpi/contract/users'
import type { ScopeOption } from './scope-options.ts'

type T = (key: MessageKey, vars?: MessageVars) => string

export type ScopeGroup = { label: string; options: ScopeOption[] }

/**
 * "Show" → one person: the active members of the teams a manager manages (an admin: of every team), a group per
 * team by name, each person by name. The viewer is left out: "My own figures" is theirs. The API checks the same
 * rule on every request (auth/access.ts), so a hand-edited URL gets a 403, not another team's figures.
 */
export function repScopeGroups(me: Me | null, users: readonly UserOut[], t: T): ScopeGroup[] {
  if (!me || me.user.role === 'rep') return []
  const teams = me.user.role === 'admin' ? me.user.teams : me.user.managedTeams
  return [...teams]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((team) => ({
      label: t('dashboard.scopeRepsOf', { name: team.name }),
      options: users
        .filter((u) => u.active && u.teamId === team.id && u.id !== me.user.id)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => ({ value: `rep:${u.id}`, label: u.name })),
    }))
    .filter((group) => group.options.length > 0)
}
