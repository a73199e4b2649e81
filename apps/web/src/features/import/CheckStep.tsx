import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { createdLines } from './created-counts.ts'
import { describeFormat } from './format-words.ts'
import { ImportErrorTable } from './ImportErrorTable.tsx'
import { IMPORT_ACCEPT } from './PickStep.tsx'
import { ValueTranslations } from './ValueTranslations.tsx'
import type { WizardMapping } from './wizard-mapping.ts'
import type { ImportField, ImportReport } from '@kpi/contract/import'

/**
 * Step 3: the dry run's report, a translation for each value that fits none of a field's values, the name to
 * save the mapping under; import when every row is valid, else choose the fixed file to check again.
 */
export function CheckStep(props: {
  report: ImportReport
  fields: ImportField[]
  mapping: WizardMapping
  busy: boolean
  saveAs: string
  savedAs: string | null
  onSaveAs: (name: string) => void
  onSave: (name: string) => void
  onTranslate: (field: string, theirs: string, ours: string) => void
  onBack: () => void
  onCommit: () => void
  onFixedFile: (file: File) => void
}) {
  const t = useT()
  const id = useId()
  const { report } = props
  return (
    <div className="import-check">
      <p role="note">{t('import.format.readAs', { format: describeFormat(report.format, t) })}</p>
      <ImportErrorTable report={report} fields={props.fields} />
      {createdLines(report.created, 'check', t).map((line) => (
        <p key={line} role="status">
          {line}
        </p>
      ))}
      <ValueTranslations
        unmatched={report.unmatched}
        fields={props.fields}
        values={props.mapping.values}
        busy={props.busy}
        onTranslate={props.onTranslate}
      />
      <div className="field import-save">
        <label htmlFor={`${id}-save`}>{t('import.saveAs')}</label>
        <div className="import-save-row">
          <input
            id={`${id}-save`}
            value={props.saveAs}
            maxLength={100}
            placeholder={t('import.saveAs.placeholder')}
            aria-describedby={`${id}-save-hint`}
            onChange={(e) => props.onSaveAs(e.target.value)}
          />
          <button
            type="button"
            disabled={props.busy || props.saveAs.trim() === ''}
            onClick={() => props.onSave(props.saveAs.trim())}
          >
            {t('import.save')}
          </button>
        </div>
        <p id={`${id}-save-hint`} className="hint" role={props.savedAs ? 'status' : undefined}>
          {props.savedAs ? t('import.saved', { source: props.savedAs }) : t('import.saveAs.hint')}
        </p>
      </div>
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
              accept={IMPORT_ACCEPT}
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
