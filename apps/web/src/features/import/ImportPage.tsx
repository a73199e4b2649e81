import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { Link } from '@tanstack/react-router'
import '../../components/admin-area/admin.css'
import { CheckStep } from './CheckStep.tsx'
import { MapStep } from './MapStep.tsx'
import { PickStep } from './PickStep.tsx'
import { useImportWizard } from './use-import-wizard.ts'
import { ENTITY_NAMES } from '@kpi/contract/records'

const STEPS = ['pick', 'map', 'check', 'done'] as const

/**
 * The import wizard: 1 pick entity + file, 2 map the file's columns to fields (pre-filled by name similarity),
 * 3 dry-run report with row errors, 4 commit → counts. A fixed file can be chosen at step 3 and is checked again
 * with the same mapping, so the fix-and-retry loop needs no remapping.
 */
export default function ImportPage() {
  const t = useT()
  const id = useId()
  const wizard = useImportWizard()
  const { step, picked, report, result } = wizard

  return (
    <div className="admin import">
      <div className="page-head">
        <div>
          <h1>{t('import.title')}</h1>
          <p className="page-sub">
            <Link to="/admin">{t('admin.title')}</Link>
          </p>
        </div>
      </div>
      <p aria-live="polite">
        {t('import.step', { step: STEPS.indexOf(step) + 1, title: t(`import.step.${step}` as MessageKey) })}
      </p>
      {wizard.error && (
        <p className="page-error" role="alert">
          {wizard.error}
        </p>
      )}

      {step === 'pick' && <PickStep entity={wizard.entity} busy={wizard.busy} onPick={wizard.pick} />}
      {step === 'map' && picked && (
        <MapStep
          picked={picked}
          fields={wizard.fields}
          mapping={wizard.mapping}
          busy={wizard.busy}
          onBack={() => wizard.setStep('pick')}
          onCheck={wizard.check}
        />
      )}
      {step === 'check' && report && picked && (
        <CheckStep
          report={report}
          busy={wizard.busy}
          onBack={() => wizard.setStep('map')}
          onCommit={wizard.commit}
          onFixedFile={wizard.checkFixedFile}
        />
      )}
      {step === 'done' && result && (
        <div>
          <p role="status">
            {t('import.done', {
              rows: result.rows,
              inserted: result.inserted,
              updated: result.updated,
              unchanged: result.unchanged,
            })}
          </p>
          <button type="button" onClick={wizard.restart}>
            {t('import.again')}
          </button>
        </div>
      )}

      <section aria-labelledby={`${id}-export`} className="export">
        <h2 id={`${id}-export`}>{t('import.export')}</h2>
        <ul>
          {ENTITY_NAMES.map((name) => (
            <li key={name}>
              <a href={`/api/export/${name}.csv`} download>
                {t('import.exportLink', { entity: t(`import.entity.${name}` as MessageKey) })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
