import type { MessageKey } from '../../i18n/messages.ts'
import type { ImportResult } from '@kpi/contract/import'

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

/**
 * Records of other kinds an import creates on the way ({teams: 3} → "3 teams created"), one line per kind; a kind
 * without words of its own is named as the API does. `when`: the check step says what will be, the done step what was.
 */
export function createdLines(created: ImportResult['created'], when: 'check' | 'done', t: Translate): string[] {
  return Object.entries(created ?? {})
    .filter(([, count]) => count > 0)
    .map(([kind, count]) =>
      kind === 'teams' || kind === 'regions'
        ? t(`import.${when}.created.${kind}`, { count })
        : t(`import.${when}.created.other`, { count, kind }),
    )
}
