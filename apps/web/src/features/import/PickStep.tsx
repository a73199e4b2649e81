import { useForm, useStore } from '@tanstack/react-form'
import { useQuery } from '@tanstack/react-query'
import { useId } from 'react'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import { importQueries } from './import.api.ts'
import { RequiredColumns } from './RequiredColumns.tsx'
import type { SourceChoice } from './use-import-wizard.ts'
import { IMPORT_ENTITIES, type ImportEntity } from '@kpi/contract/import'

/** What the file input takes: CSV in any of its spellings and Excel workbooks. */
export const IMPORT_ACCEPT =
  '.csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * Step 1: the entity (its required columns listed before any upload), where the mapping starts (new, a saved
 * mapping of a source, a CRM preset) and the file. Without a file the step says so instead of sending anything.
 */
export function PickStep(props: {
  entity: ImportEntity
  busy: boolean
  onPick: (chosen: { entity: ImportEntity; file: File; source: SourceChoice }) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const id = useId()
  const form = useForm({
    defaultValues: { entity: props.entity, source: '', file: null as File | null },
    validators: { onSubmit: ({ value }) => (value.file ? undefined : t('import.noFile')) },
    onSubmit: ({ value }) =>
      value.file && props.onPick({ entity: value.entity, file: value.file, source: sourceOf(value.source) }),
  })
  const entity = useStore(form.store, (state) => state.values.entity)
  const fields = useQuery(importQueries.fields(entity, locale))
  // Saved mappings and presets are a convenience: without them (or before they load) "new" is the one choice.
  const mappings = useQuery(importQueries.mappings(entity))
  const saved = mappings.data?.saved ?? []
  const presets = mappings.data?.presets ?? []
  const sourceOf = (value: string): SourceChoice => {
    const [kind, name] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)]
    const found =
      kind === 'saved'
        ? saved.find((s) => s.source === name)
        : presets.map((p) => ({ source: p.name, mapping: p.mapping, id: p.id })).find((p) => p.id === name)
    return found ? { kind: kind as 'saved' | 'preset', name: found.source, mapping: found.mapping } : { kind: 'new' }
  }

  return (
    <form
      className="import-pick"
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
              onChange={(e) => {
                field.handleChange(e.target.value as ImportEntity)
                form.setFieldValue('source', '')
              }}
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
      {fields.data && <RequiredColumns fields={fields.data.fields} />}
      <form.Field name="source">
        {(field) => (
          <div className="field">
            <label htmlFor={`${id}-source`}>{t('import.source')}</label>
            <select id={`${id}-source`} value={field.state.value} onChange={(e) => field.handleChange(e.target.value)}>
              <option value="">{t('import.source.new')}</option>
              {saved.length > 0 && (
                <optgroup label={t('import.source.saved')}>
                  {saved.map((s) => (
                    <option key={s.source} value={`saved:${s.source}`}>
                      {s.source}
                    </option>
                  ))}
                </optgroup>
              )}
              {presets.length > 0 && (
                <optgroup label={t('import.source.presets')}>
                  {presets.map((p) => (
                    <option key={p.id} value={`preset:${p.id}`}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
              )}
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
              accept={IMPORT_ACCEPT}
              aria-describedby={`${id}-file-hint`}
              onChange={(e) => field.handleChange(e.target.files?.[0] ?? null)}
            />
            <p id={`${id}-file-hint`} className="hint">
              {t('import.fileHint')}
            </p>
          </div>
        )}
      </form.Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {t('import.next')}
        </button>
      </div>
    </form>
  )
}
