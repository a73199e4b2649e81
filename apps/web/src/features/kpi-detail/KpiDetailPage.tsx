import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { getKpi } from '@kpi/domain/kpis/registry'
import { formatNumber } from '@kpi/domain/format'
import { TrendChart } from '../../components/trend/TrendChart.tsx'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { Link, hrefFor } from '../../router.tsx'
import { useQuery } from '@tanstack/react-query'
import { useMe } from '../auth/auth.queries.ts'
import { useFigureParams } from '../dashboard/DashboardPage.tsx'
import { dashboardQuery, figureSearch } from '../dashboard/dashboard.queries.ts'

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key)

/** Lazy-loaded: trend, per-rep comparison and drill-down arrive with the KPI detail issue; Recharts lives here. */
export default function KpiDetailPage({ kpiKey }: { kpiKey: string }) {
  const t = useT()
  const { locale } = useLocale()
  const me = useMe()
  const params = useFigureParams()
  const query = useQuery(dashboardQuery(params))
  const back = (
    <p>
      <Link to={hrefFor({ name: 'dashboard' })}>← {t('kpi.back')}</Link>
    </p>
  )
  if (!isKpiKey(kpiKey)) {
    return (
      <div className="page-head">
        <div>
          {back}
          <h1>{t('kpi.unknown')}</h1>
          <p className="page-sub">
            <code>{kpiKey}</code>
          </p>
        </div>
      </div>
    )
  }
  const kpi = getKpi(kpiKey)
  const currency = me?.organization.currency ?? 'EUR'
  // The dashboard answer already carries this KPI's 12-period trend for the same scope/period (and is cached).
  const card = query.data?.focusAreas.flatMap((area) => area.kpis).find((item) => item.key === kpiKey)
  const points = card?.trend ?? []
  const target = card?.target?.full ?? null
  const format = (value: number) => formatNumber(value, kpi.unit, kpi.format, locale, currency)
  return (
    <>
      <div className="page-head">
        <div>
          {back}
          <h1>{kpi.name[locale]}</h1>
          <p className="page-sub">{kpi.description[locale]}</p>
        </div>
      </div>
      <p>
        <a href={`/api/export/kpis/${encodeURIComponent(kpiKey)}/breakdown.csv?${figureSearch(params)}`} download>
          CSV
        </a>
      </p>
      {query.isPending && <p className="page-loading">{t('common.loading')}</p>}
      {points.length > 0 && (
        <section className="panel">
          <h2>{t('kpi.trend')}</h2>
          <TrendChart
            points={points.map((point) => ({ label: point.label, value: point.value }))}
            target={target}
            targetLabel={target === null ? '' : t('gauge.target', { target: format(target) })}
            formatValue={format}
            ariaLabel={t('kpi.trendAria', {
              title: kpi.name[locale],
              first: format(points[0]?.value ?? 0),
              last: format(points.at(-1)?.value ?? 0),
              target: target === null ? '—' : format(target),
            })}
          />
        </section>
      )}
    </>
  )
}
