import { useQueryClient } from '@tanstack/react-query'
import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { Link, hrefFor } from '../../router.tsx'
import '../admin/admin.css'
import { parseHeaderLine, suggestMapping } from './column-match.ts'
import { importFieldsQuery, postImport } from './import.api.ts'
import type { Mapping } from './import.api.ts'
import {
  IMPORT_ENTITIES,
  type ImportEntity,
  type ImportField,
  type ImportReport,
  type ImportResult,
} from '@kpi/contract/import'
import { ENTITY_NAMES } from '@kpi/contract/records'
import { ImportErrorTable } from './ImportErrorTable.tsx'

type Step = 'pick' | 'map' | 'check' | 'done'
type Picked = { file: File; headers: string[] }

/**
 * The import wizard: 1 pick entity + file, 2 map the file's columns to fields (pre-filled by name similarity),
 * 3 dry-run report with row errors, 4 commit → counts. A fixed file can be chosen at step 3 and is checked again
 * with the same mapping, so the fix-and-retry loop needs no remapping.
 */
export default function ImportPage() {
  const t = useT()
  const id = useId()
  const client = useQueryClient()
  const [step, setStep] = useState<Step>('pick')
  const [entity, setEntity] = useState<ImportEntity>('deals')
  const [picked, setPicked] = useState<Picked | null>(null)
  const [fields, setFields] = useState<ImportField[]>([])
  const [mapping, setMapping] = useState<Mapping>({})
  const [report, setReport] = useState<ImportReport | null>(null)
  const [result, setResult] = useState<ImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
      return undefined
    } finally {
      setBusy(false)
    }
  }

  async function readFile(file: File): Promise<Picked> {
    // The header is in the first line; 64 KB is plenty and avoids reading a large file into memory twice.
    const head = await file.slice(0, 64 * 1024).text()
    return { file, headers: parseHeaderLine(head) }
  }

  async function onPick(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const input = event.currentTarget.elements.namedItem('file') as HTMLInputElement
    const file = input.files?.[0]
    if (!file) return setError(t('import.noFile'))
    await run(async () => {
      const next = await readFile(file)
      const { fields: list } = await client.fetchQuery(importFieldsQuery(entity))
      setPicked(next)
      setFields(list)
      setMapping(
        suggestMapping(
          next.headers,
          list.map((f) => f.name),
        ),
      )
      setStep('map')
    })
  }

  async function check(file: Picked, map: Mapping) {
    await run(async () => {
      const outcome = await postImport({
        entity,
        file: file.file,
        fileName: file.file.name,
        mapping: map,
        dryRun: true,
      })
      if (outcome.kind === 'report') setReport(outcome.report)
      setStep('check')
    })
  }

  async function onFixedFile(file: File | undefined) {
    if (!file) return
    const next = await readFile(file)
    // Keep the choices made for headers that are still there; new headers get a suggestion.
    const suggested = suggestMapping(
      next.headers,
      fields.map((f) => f.name),
    )
    const map = Object.fromEntries(next.headers.map((h) => [h, h in mapping ? mapping[h]! : suggested[h]!]))
    setPicked(next)
    setMapping(map)
    await check(next, map)
  }

  async function commit() {
    if (!picked) return
    await run(async () => {
      const outcome = await postImport({
        entity,
        file: picked.file,
        fileName: picked.file.name,
        mapping,
        dryRun: false,
      })
      if (outcome.kind === 'done') {
        setResult(outcome.result)
        setStep('done')
      } else {
        // Something changed between the check and the commit (e.g. a duplicate key): show the new report.
        setReport(outcome.report)
        if (outcome.kind === 'failed') setError(outcome.message)
      }
    })
  }

  function restart() {
    setStep('pick')
    setPicked(null)
    setReport(null)
    setResult(null)
    setError(null)
  }

  const missingRequired = fields.filter((f) => f.required && !Object.values(mapping).includes(f.name))
  const stepIndex = ['pick', 'map', 'check', 'done'].indexOf(step) + 1

  return (
    <div className="admin import">
      <div className="page-head">
        <div>
          <h1>{t('import.title')}</h1>
          <p className="page-sub">
            <Link to={hrefFor({ name: 'admin' })}>{t('admin.title')}</Link>
          </p>
        </div>
      </div>
      <p aria-live="polite">{t('import.step', { step: stepIndex, title: t(`import.step.${step}` as MessageKey) })}</p>
      {error && (
        <p className="page-error" role="alert">
          {error}
        </p>
      )}

      {step === 'pick' && (
        <form onSubmit={(e) => void onPick(e)}>
          <div className="field">
            <label htmlFor={`${id}-entity`}>{t('import.entity')}</label>
            <select id={`${id}-entity`} value={entity} onChange={(e) => setEntity(e.target.value as ImportEntity)}>
              {IMPORT_ENTITIES.map((name) => (
                <option key={name} value={name}>
                  {t(`import.entity.${name}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('import.file')}</label>
            <input id={`${id}-file`} name="file" type="file" accept=".csv,text/csv" />
          </div>
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {t('import.next')}
            </button>
          </div>
        </form>
      )}

      {step === 'map' && picked && (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            void check(picked, mapping)
          }}
        >
          <table className="data-table">
            <caption>{t('import.mapCaption', { file: picked.file.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.fileColumn')}</th>
                <th scope="col">{t('import.field')}</th>
              </tr>
            </thead>
            <tbody>
              {picked.headers.map((h, i) => (
                <tr key={h}>
                  <th scope="row">
                    <label htmlFor={`${id}-map-${i}`}>{h}</label>
                  </th>
                  <td>
                    <select
                      id={`${id}-map-${i}`}
                      value={mapping[h] ?? ''}
                      onChange={(e) =>
                        setMapping((m) => ({ ...m, [h]: e.target.value === '' ? null : e.target.value }))
                      }
                    >
                      <option value="">{t('import.ignore')}</option>
                      {fields.map((f) => (
                        <option key={f.name} value={f.name}>
                          {f.name}
                          {f.required ? ' *' : ''} ({f.kind})
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {missingRequired.length > 0 && (
            <p className="warning" role="status">
              {t('import.missingRequired', { fields: missingRequired.map((f) => f.name).join(', ') })}
            </p>
          )}
          <div className="form-actions">
            <button type="button" onClick={() => setStep('pick')}>
              {t('import.back')}
            </button>
            <button type="submit" disabled={busy}>
              {t('import.check')}
            </button>
          </div>
        </form>
      )}

      {step === 'check' && report && picked && (
        <div>
          <ImportErrorTable report={report} />
          <div className="form-actions">
            <button type="button" onClick={() => setStep('map')}>
              {t('import.back')}
            </button>
            {report.errorCount === 0 ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void commit()}>
                {t('import.commit', { rows: report.valid })}
              </button>
            ) : (
              <div className="field">
                <label htmlFor={`${id}-fixed`}>{t('import.fixedFile')}</label>
                <input
                  id={`${id}-fixed`}
                  type="file"
                  accept=".csv,text/csv"
                  onChange={(e) => void onFixedFile(e.target.files?.[0])}
                />
              </div>
            )}
          </div>
        </div>
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
          <button type="button" onClick={restart}>
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
