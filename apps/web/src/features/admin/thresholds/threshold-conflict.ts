import type { MessageKey } from '../../../i18n/messages.ts'
import type { ConflictRow } from '../ConflictPanel.tsx'
import { toDraft, type ThresholdDraft } from './threshold-draft.ts'
import type { Threshold } from '@kpi/contract/thresholds'

/** The conflict panel's rows: the typed threshold beside the stored one (or "deleted"), as the form shows them. */
export function conflictRows(
  mine: ThresholdDraft,
  theirs: Threshold | null,
  t: (key: MessageKey) => string,
): ConflictRow[] {
  const mode = (m: ThresholdDraft['mode']) => t(`admin.thresholds.mode.${m}`)
  const other = theirs ? toDraft(theirs) : null
  const gone = t('admin.conflict.deleted')
  return [
    { label: t('admin.thresholds.mode'), mine: mode(mine.mode), theirs: other ? mode(other.mode) : gone },
    { label: t('admin.thresholds.greenFrom'), mine: mine.greenFrom, theirs: other?.greenFrom ?? gone },
    { label: t('admin.thresholds.orangeFrom'), mine: mine.orangeFrom, theirs: other?.orangeFrom ?? gone },
    { label: t('admin.thresholds.actions.orange'), mine: mine.actions.orange, theirs: other?.actions.orange ?? gone },
    { label: t('admin.thresholds.actions.red'), mine: mine.actions.red, theirs: other?.actions.red ?? gone },
    ...(['orange', 'red'] as const).map((level) => ({
      label: `${t(`admin.thresholds.actions.${level}`)} (${t('admin.thresholds.language.nl')})`,
      mine: mine.actionsNl[level],
      theirs: other?.actionsNl[level] ?? gone,
    })),
  ]
}
