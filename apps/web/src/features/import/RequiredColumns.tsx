import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import type { ImportField } from '@kpi/contract/import'

/** Before any upload: the columns the file must have, each with what it may hold, so the admin can check first. */
export function RequiredColumns({ fields }: { fields: ImportField[] }) {
  const t = useT()
  const id = useId()
  const required = fields.filter((f) => f.required)
  return (
    <section className="import-required" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('import.required.title')}</h2>
      <ul>
        {required.map((f) => (
          <li key={f.name}>
            <strong>{f.label}</strong> — {f.hint}
            {f.allowed && f.allowed.length > 0 && (
              <> ({t('import.required.allowed', { values: f.allowed.join(', ') })})</>
            )}
          </li>
        ))}
      </ul>
      <p className="hint">{t('import.required.optional', { count: fields.length - required.length })}</p>
    </section>
  )
}
