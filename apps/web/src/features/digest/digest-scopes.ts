import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { scopeOptions } from '../../lib/figures/scope-options.ts'
import type { ScopeOption } from '../../lib/figures/scope-options.ts'
import type { MeResponse as Me } from '@kpi/contract/me'

type T = (key: MessageKey, vars?: MessageVars) => string

/**
 * The scopes a digest may be about: the dashboard's own choices (scope-options.ts), each with its scope spelled
 * out, because a digest is sent without a request to default from — the dashboard's empty value becomes what the
 * dashboard shows for it (the organisation, a manager's first team, one's own figures). The stored scope is kept
 * as an option even when no longer offered, so the form never shows a scope other than the one that is saved.
 */
export function digestScopeOptions(me: Me | null, t: T, current?: { scope: string; scopeName: string }): ScopeOption[] {
  if (!me) return []
  const options = scopeOptions(me, t).map((option) =>
    option.value === '' ? { ...option, value: defaultScope(me) } : option,
  )
  if (current && !options.some((option) => option.value === current.scope))
    options.push({ value: current.scope, label: current.scopeName })
  return options
}

// As the dashboard route defaults (apps/api/src/routes/dashboard/figure-request.ts): the organisation for an
// admin, a manager's lowest-id managed team, otherwise one's own figures.
function defaultScope(me: Me): string {
  const { user } = me
  if (user.role === 'admin') return 'org'
  const firstTeam = [...user.managedTeams].sort((a, b) => a.id - b.id)[0]
  if (user.role === 'manager' && firstTeam) return `team:${firstTeam.id}`
  return `rep:${user.id}`
}
