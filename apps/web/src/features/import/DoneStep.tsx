import { Link } from '@tanstack/react-router'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { createdLines } from './created-counts.ts'
import { ENTITY_NAMES, type EntityName } from '@kpi/contract/records'
import type { ImportEntity, ImportResult } from '@kpi/contract/import'

const isRecord = (entity: ImportEntity): entity is ImportEntity & EntityName =>
  (ENTITY_NAMES as readonly string[]).includes(entity)

/** Step 4: the counts (with records of other kinds created on the way), and where to see what was imported: the dashboard its figures feed, and the rows as CSV. */
export function DoneStep(props: { entity: ImportEntity; result: ImportResult; onAgain: () => void }) {
  const t = useT()
  const { result, entity } = props
  const name = t(`import.entity.${entity}` as MessageKey)
  return (
    <div className="import-done">
      <p role="status">
        {t('import.done', {
          rows: result.rows,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
        })}
      </p>
      {result.repeated > 0 && <p>{t('import.done.repeated', { count: result.repeated })}</p>}
      {createdLines(result.created, 'done', t).map((line) => (
        <p key={line}>{line}</p>
      ))}
      <ul>
        <li>
          <Link to="/">{t('import.done.dashboard')}</Link>
        </li>
        {isRecord(entity) && (
          <li>
            <a href={`/api/export/${entity}.csv`} download>
              {t('import.done.export', { entity: name })}
            </a>
          </li>
        )}
      </ul>
      <button type="button" onClick={props.onAgain}>
        {t('import.again')}
      </button>
    </div>
  )
}
