import { useT } from '../../i18n/i18n.tsx'

/** Placeholder, lazy-loaded: the CSV import flow. */
export default function ImportPage() {
  const t = useT()
  return (
    <div className="page-head">
      <div>
        <h1>{t('import.title')}</h1>
        <p className="page-sub">{t('import.placeholder')}</p>
      </div>
    </div>
  )
}
