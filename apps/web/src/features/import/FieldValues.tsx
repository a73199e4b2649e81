import { useId, useState } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { MessageKey } from '../../i18n/messages.ts'
import type { ImportField } from '@kpi/contract/import'

/**
 * Values the file does not hold: `constants` fill a field on every row ("type = New business"), `defaults`
 * fill it where its cell is empty. Enum fields offer their allowed values; others take free text.
 */
export function FieldValues(props: {
  kind: 'constants' | 'defaults'
  fields: ImportField[]
  values: Record<string, string>
  onChange: (values: Record<string, string>) => void
}) {
  const t = useT()
  const id = useId()
  const key = (suffix: string) => `import.${props.kind}.${suffix}` as MessageKey
  const [field, setField] = useState('')
  const [value, setValue] = useState('')
  const chosen = props.fields.find((f) => f.name === field)
  const free = props.fields.filter((f) => !(f.name in props.values))
  const labelOf = (name: string) => props.fields.find((f) => f.name === name)?.label ?? name
  const add = () => {
    if (field === '' || value.trim() === '') return
    props.onChange({ ...props.values, [field]: value.trim() })
    setField('')
    setValue('')
  }
  const remove = (name: string) => {
    const { [name]: _removed, ...rest } = props.values
    props.onChange(rest)
  }

  return (
    <fieldset className="import-values">
      <legend>{t(key('title'))}</legend>
      <p className="hint">{t(key('hint'))}</p>
      {Object.keys(props.values).length > 0 && (
        <ul>
          {Object.entries(props.values).map(([name, v]) => (
            <li key={name}>
              {t(key('entry'), { field: labelOf(name), value: v })}{' '}
              <button
                type="button"
                className="link"
                aria-label={t('import.values.remove', { field: labelOf(name) })}
                onClick={() => remove(name)}
              >
                {t('import.values.removeShort')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="import-values-add">
        <div className="field">
          <label htmlFor={`${id}-field`}>{t('import.values.field')}</label>
          <select
            id={`${id}-field`}
            value={field}
            onChange={(e) => {
              setField(e.target.value)
              setValue('')
            }}
          >
            <option value="">{t('import.values.chooseField')}</option>
            {free.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('import.values.value')}</label>
          {chosen?.allowed && chosen.allowed.length > 0 ? (
            <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">{t('import.values.chooseValue')}</option>
              {chosen.allowed.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={`${id}-value`}
              value={value}
              placeholder={chosen?.hint}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </div>
        <button type="button" onClick={add} disabled={field === '' || value.trim() === ''}>
          {t(key('add'))}
        </button>
      </div>
    </fieldset>
  )
}
