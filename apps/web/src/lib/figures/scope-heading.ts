import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { Dashboard } from '@kpi/contract/dashboard'

type T = (key: MessageKey, vars?: MessageVars) => string

/**
 * Whose figures a page shows, for its h1, the tab's title and the print header: "Organisation dashboard",
 * "Region Benelux", "Team North", a rep's or customer's name, or "My figures" for the reader's own. Read from the
 * answer, not the picker: a rep picked from the rep list, or a scope typed into the URL, is in no picker option.
 */
export function scopeHeading(answer: Pick<Dashboard, 'scope' | 'scopeName'>, myId: number | undefined, t: T): string {
  const [type, id] = answer.scope.split(':')
  if (type === 'rep' && Number(id) === myId) return t('dashboard.titleOwn')
  if (type === 'org') return t('dashboard.titleOrg')
  const name = answer.scopeName
  if (name === null) return answer.scope
  if (type === 'region') return t('dashboard.scopeRegion', { name })
  if (type === 'team') return t('dashboard.scopeTeam', { name })
  return name
}
