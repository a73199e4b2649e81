import { useT } from '../../i18n/i18n.tsx'

/** Placeholder: the rep's personal gauges and required pace arrive with the my-targets issue. */
export function MyTargetsPage() {
  const t = useT()
  return (
    <div className="page-head">
      <div>
        <h1>{t('myTargets.title')}</h1>
        <p className="page-sub">{t('myTargets.placeholder')}</p>
      </div>
    </div>
  )
}
