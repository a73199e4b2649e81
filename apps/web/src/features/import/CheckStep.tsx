import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { ImportErrorTable } from './ImportErrorTable.tsx'
import type { ImportReport } from '@kpi/contract/import'

/** Step 3: the dry run's report; import when every row is valid, else choose the fixed file to check again. */
export function CheckStep(props: {
  report: ImportReport
  busy: boolean
  onBack: () => void
  onCommit: () => void
  onFixedFile: (file: File) => void
}) {
  const t = useT()
  const id = useId()
  const { report } = props
  return (
    <div>
      <ImportErrorTable report={report} />
      <div className="form-actions">
        <button type="button" onClick={props.onBack}>
          {t('import.back')}
        </button>
        {report.errorCount === 0 ? (
          <button type="button" className="primary" disabled={props.busy} onClick={props.onCommit}>
            {t('import.commit', { rows: report.valid })}
          </button>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-fixed`}>{t('import.fixedFile')}</label>
            <input
              id={`${id}-fixed`}
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) props.onFixedFile(file)
              }}
            />
          </div>
        )}
      </div>
    </div>
  )
}
