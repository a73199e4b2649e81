import { useT } from '../../i18n/i18n.tsx'

export type ConflictRow = { label: string; mine: string; theirs: string }

/**
 * A stale write (409): the other person's values beside the ones typed here. Neither button loses anything
 * silently — "keep mine" resubmits the typed values against the current version, "use theirs" replaces them.
 */
export function ConflictPanel(props: { rows: ConflictRow[]; onKeepMine: () => void; onUseTheirs: () => void }) {
  const t = useT()
  return (
    <div className="conflict panel" role="alert">
      <p>
        <strong>{t('admin.conflict.title')}</strong>
      </p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.conflict.field')}</th>
            <th scope="col">{t('admin.conflict.mine')}</th>
            <th scope="col">{t('admin.conflict.theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.label} data-differs={row.mine !== row.theirs}>
              <th scope="row">{row.label}</th>
              <td>{row.mine}</td>
              <td>{row.theirs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" onClick={props.onKeepMine}>
          {t('admin.conflict.keepMine')}
        </button>
        <button type="button" onClick={props.onUseTheirs}>
          {t('admin.conflict.useTheirs')}
        </button>
      </div>
    </div>
  )
}
