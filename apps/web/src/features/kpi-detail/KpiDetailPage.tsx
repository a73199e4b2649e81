import { useT } from '../../i18n/i18n.tsx'
import { Link, hrefFor } from '../../router.tsx'

/** Placeholder, lazy-loaded: trend charts (Recharts) live here so they never weigh on the first paint. */
export default function KpiDetailPage({ kpiKey }: { kpiKey: string }) {
  const t = useT()
  return (
    <div className="page-head">
      <div>
        <p>
          <Link to={hrefFor({ name: 'dashboard' })}>← {t('kpi.back')}</Link>
        </p>
        <h1>
          {t('kpi.title')}: <code>{kpiKey}</code>
        </h1>
        <p className="page-sub">{t('kpi.placeholder', { key: kpiKey })}</p>
      </div>
    </div>
  )
}
