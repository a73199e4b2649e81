import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { Link } from '@tanstack/react-router'
import '../../components/admin-area/admin.css'
import './import.css'
import { CheckStep } from './CheckStep.tsx'
import { DoneStep } from './DoneStep.tsx'
import { MapStep } from './MapStep.tsx'
import { PickStep } from './PickStep.tsx'
import { useImportWizard } from './use-import-wizard.ts'
import { ENTITY_NAMES } from '@kpi/contract/records'

const STEPS = ['pick', 'map', 'check', 'done'] as const

/**
 * The import wizard: 1 pick entity (required columns shown), source and file; 2 map the file's columns to fields
 * (pre-filled from a saved mapping, a preset, or by name), constants, defaults and the format; 3 dry-run report
 * with row errors and value translations; 4 commit → counts and a link to the result. A fixed file chosen at
 * step 3 is read again with the same mapping, so the fix-and-retry loop needs no remapping.
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
      {step === 'map' && picked && wizard.mapping && (
        <MapStep
          key={wizard.reads}
          picked={picked}
          fields={wizard.fields}
          mapping={wizard.mapping}
          busy={wizard.busy}
          onBack={() => wizard.setStep('pick')}
          onReformat={wizard.reformat}
          onCheck={wizard.check}
        />
      )}
      {step === 'check' && report && wizard.mapping && (
        <CheckStep
          report={report}
          fields={wizard.fields}
          mapping={wizard.mapping}
          busy={wizard.busy}
          saveAs={wizard.saveAs}
          savedAs={wizard.savedAs}
          onSaveAs={wizard.setSaveAs}
          onSave={wizard.save}
          onTranslate={wizard.translate}
          onBack={() => wizard.setStep('map')}
          onCommit={wizard.commit}
          onFixedFile={wizard.checkFixedFile}
        />
      )}
      {step === 'done' && result && <DoneStep entity={wizard.entity} result={result} onAgain={wizard.restart} />}

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
