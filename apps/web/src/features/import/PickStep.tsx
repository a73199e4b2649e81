import { useForm } from '@tanstack/react-form'
import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { IMPORT_ENTITIES, type ImportEntity } from '@kpi/contract/import'

/** Step 1: the entity and the CSV file. Without a file the step says so instead of sending anything. */
export function PickStep(props: {
  entity: ImportEntity
  busy: boolean
  onPick: (chosen: { entity: ImportEntity; file: File }) => void
}) {
  const t = useT()
  const id = useId()
  const form = useForm({
    defaultValues: { entity: props.entity, file: null as File | null },
    validators: { onSubmit: ({ value }) => (value.file ? undefined : t('import.noFile')) },
    onSubmit: ({ value }) => value.file && props.onPick({ entity: value.entity, file: value.file }),
  })
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void form.handleSubmit()
      }}
    >
      <form.Subscribe selector={(state) => state.errors}>
        {(errors) =>
          errors.length > 0 && (
            <p className="page-error" role="alert">
              {errors.join(' ')}
            </p>
          )
        }
      </form.Subscribe>
      <form.Field name="entity">
        {(field) => (
          <div className="field">
            <label htmlFor={`${id}-entity`}>{t('import.entity')}</label>
            <select
              id={`${id}-entity`}
              value={field.state.value}
              onChange={(e) => field.handleChange(e.target.value as ImportEntity)}
            >
              {IMPORT_ENTITIES.map((name) => (
                <option key={name} value={name}>
                  {t(`import.entity.${name}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
        )}
      </form.Field>
      <form.Field name="file">
        {(field) => (
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('import.file')}</label>
            <input
              id={`${id}-file`}
              name="file"
              type="file"
              accept=".csv,text/csv"
              onChange={(e) => field.handleChange(e.target.files?.[0] ?? null)}
            />
          </div>
        )}
      </form.Field>
      <div className="form-actions">
        <button type="submit" disabled={props.busy}>
          {t('import.next')}
        </button>
      </div>
    </form>
  )
}
