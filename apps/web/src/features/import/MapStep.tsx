import { useForm, useStore } from '@tanstack/react-form'
import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { Picked } from './use-import-wizard.ts'
import type { ImportField } from '@kpi/contract/import'
import type { Mapping } from './import.api.ts'

/** Step 2: each column of the file mapped to a field (pre-filled by name similarity) or ignored. */
export function MapStep(props: {
  picked: Picked
  fields: ImportField[]
  mapping: Mapping
  busy: boolean
  onBack: () => void
  onCheck: (mapping: Mapping) => void
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
  const missingRequired = fields.filter((f) => f.required && !Object.values(mapping).includes(f.name))

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
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
                    form.setFieldValue('mapping', (m) => ({ ...m, [h]: e.target.value === '' ? null : e.target.value }))
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
        <button type="button" onClick={props.onBack}>
          {t('import.back')}
        </button>
        <button type="submit" disabled={props.busy}>
          {t('import.check')}
        </button>
      </div>
    </form>
  )
}
