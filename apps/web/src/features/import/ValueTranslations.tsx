import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { ImportField, ImportReport } from '@kpi/contract/import'

/**
 * Every distinct value of the file that fits none of a field's values ("Engaging" for a deal's status, "Won" for
 * its probability), with a select of ours (or a box for a number): a choice goes into the mapping's `values` and
 * the file is checked again.
 */
export function ValueTranslations(props: {
  unmatched: ImportReport['unmatched']
  fields: ImportField[]
  values: Record<string, Record<string, string>>
  busy: boolean
  onTranslate: (field: string, theirs: string, ours: string) => void
}) {
  const t = useT()
  const id = useId()
  const entries = Object.entries(props.unmatched).filter(([, list]) => list.length > 0)
  if (entries.length === 0) return null
  return (
    <section className="import-translations" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('import.translate.title')}</h2>
      <p className="hint">{t('import.translate.hint')}</p>
      {entries.map(([name, list]) => {
        const field = props.fields.find((f) => f.name === name)
        return (
          <table key={name} className="data-table">
            <caption>{field?.label ?? name}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.translate.theirs')}</th>
                <th scope="col">{t('import.translate.ours')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map(({ value, rows }, i) => (
                <tr key={value}>
                  <th scope="row">
                    <label htmlFor={`${id}-${name}-${i}`}>
                      {t('import.translate.value', { value: value === '' ? '""' : value, rows })}
                    </label>
                  </th>
                  <td>
                    {field?.allowed && field.allowed.length > 0 ? (
                      <select
                        id={`${id}-${name}-${i}`}
                        disabled={props.busy}
                        value={props.values[name]?.[value] ?? ''}
                        onChange={(e) => props.onTranslate(name, value, e.target.value)}
                      >
                        <option value="">{t('import.translate.choose')}</option>
                        {field.allowed.map((a) => (
                          <option key={a} value={a}>
                            {a}
                          </option>
                        ))}
                      </select>
                    ) : (
                      // A number or yes/no: typed, and checked when the admin leaves the box or presses Enter.
                      <input
                        id={`${id}-${name}-${i}`}
                        disabled={props.busy}
                        defaultValue={props.values[name]?.[value] ?? ''}
                        placeholder={field?.hint}
                        onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), e.currentTarget.blur())}
                        onBlur={(e) => {
                          const ours = e.target.value.trim()
                          if (ours !== (props.values[name]?.[value] ?? '')) props.onTranslate(name, value, ours)
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      })}
    </section>
  )
}
