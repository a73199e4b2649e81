import { useForm, useStore } from '@tanstack/react-form'
import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { FieldValues } from './FieldValues.tsx'
import { FormatPanel } from './FormatPanel.tsx'
import { filledFields, type WizardMapping } from './wizard-mapping.ts'
import type { Picked } from './use-import-wizard.ts'
import type { ImportField, ImportFormatOverride } from '@kpi/contract/import'

/**
 * Step 2: each column of the file → the fields it fills (by label; one column may fill several), values for
 * every row or for empty cells, and the format the file is read with.
 */
export function MapStep(props: {
  picked: Picked
  fields: ImportField[]
  mapping: WizardMapping
  busy: boolean
  onBack: () => void
  onReformat: (format: ImportFormatOverride) => void
  onCheck: (mapping: WizardMapping) => void
}) {
  const t = useT()
  const id = useId()
  const { picked, fields } = props
  // Headers are free text (dots, spaces): the mapping is one value, not one form field per header.
  const form = useForm({
    defaultValues: { mapping: props.mapping },
    onSubmit: ({ value }) => props.onCheck(value.mapping),
  })
  const mapping = useStore(form.store, (state) => state.values.mapping)
  const update = (change: (m: WizardMapping) => WizardMapping) => form.setFieldValue('mapping', change)
  const setColumn = (header: string, targets: string[]) =>
    update((m) => ({ ...m, columns: { ...m.columns, [header]: targets } }))
  const filled = filledFields(mapping)
  const missingRequired = fields.filter((f) => f.required && !filled.has(f.name))
  const labelOf = (name: string) => fields.find((f) => f.name === name)?.label ?? name

  const fieldSelect = (header: string, i: number, j: number, targets: string[]) => {
    const current = targets[j] ?? ''
    const hint = fields.find((f) => f.name === current)?.hint
    const selectId = `${id}-map-${i}-${j}`
    return (
      <div key={j} className="import-target">
        {j > 0 && (
          <span className="import-also" aria-hidden="true">
            {t('import.alsoFills')}
          </span>
        )}
        <select
          id={selectId}
          aria-label={j === 0 ? undefined : t('import.alsoFillsOf', { column: header })}
          value={current}
          onChange={(e) => {
            const next = [...targets]
            if (e.target.value === '') next.splice(j, 1)
            else next[j] = e.target.value
            setColumn(header, next)
          }}
        >
          <option value="">{j === 0 ? t('import.ignore') : t('import.noSecondField')}</option>
          {fields.map((f) => (
            <option key={f.name} value={f.name} disabled={f.name !== current && targets.includes(f.name)}>
              {f.label}
              {f.required ? ' *' : ''}
            </option>
          ))}
        </select>
        {hint && <p className="hint">{hint}</p>}
      </div>
    )
  }

  return (
    <form
      className="import-map"
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <FormatPanel
        format={picked.format}
        override={mapping.format}
        busy={props.busy}
        onChange={(format) => props.onReformat(format)}
      />
      <table className="data-table import-columns">
        <caption>{t('import.mapCaption', { file: picked.file.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.fileColumn')}</th>
            <th scope="col">{t('import.field')}</th>
          </tr>
        </thead>
        <tbody>
          {picked.headers.map((h, i) => {
            const targets = mapping.columns[h] ?? []
            return (
              <tr key={h}>
                <th scope="row">
                  <label htmlFor={`${id}-map-${i}-0`}>{h}</label>
                </th>
                <td>
                  {(targets.length === 0 ? [''] : targets).map((_, j) => fieldSelect(h, i, j, targets))}
                  {targets.length > 0 && targets.length < fields.length && (
                    <button
                      type="button"
                      className="link"
                      aria-label={t('import.addAlsoFillsOf', { column: h })}
                      onClick={() => setColumn(h, [...targets, ''])}
                    >
                      {t('import.addAlsoFills')}
                    </button>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="hint">{t('import.requiredMark')}</p>
      <FieldValues
        kind="constants"
        fields={fields}
        values={mapping.constants}
        onChange={(constants) => update((m) => ({ ...m, constants }))}
      />
      <FieldValues
        kind="defaults"
        fields={fields}
        values={mapping.defaults}
        onChange={(defaults) => update((m) => ({ ...m, defaults }))}
      />
      {missingRequired.length > 0 && (
        <p className="warning" role="status">
          {t('import.missingRequired', { fields: missingRequired.map((f) => labelOf(f.name)).join(', ') })}
        </p>
      )}
      <div className="form-actions">
        <button type="button" onClick={props.onBack}>
          {t('import.back')}
        </button>
        <button type="submit" className="primary" disabled={props.busy}>
          {t('import.check')}
        </button>
      </div>
    </form>
  )
}
