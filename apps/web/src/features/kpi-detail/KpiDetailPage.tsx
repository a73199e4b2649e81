import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { getKpi } from '@kpi/domain/kpis/registry'
import { formatNumber } from '@kpi/domain/format'
import { TrendChart } from '../../components/trend/TrendChart.tsx'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { Link, hrefFor } from '../../router.tsx'
import { SAMPLE_MONTHS, SAMPLE_TRENDS } from './kpi-detail-sample.ts'

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key)

/** Lazy-loaded: trend, per-rep comparison and drill-down arrive with the KPI detail issue; Recharts lives here. */
export default function KpiDetailPage({ kpiKey }: { kpiKey: string }) {
  const t = useT()
  const { locale } = useLocale()
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
  const trend = SAMPLE_TRENDS[kpiKey]
  const format = (value: number) => formatNumber(value, kpi.unit, kpi.format, locale)
  return (
    <>
      <div className="page-head">
        <div>
          {back}
          <h1>{kpi.name[locale]}</h1>
          <p className="page-sub">{kpi.description[locale]}</p>
        </div>
      </div>
      <p className="notice" role="note">
        {t('kpi.placeholder', { key: kpiKey })}
      </p>
      {trend && (
        <section className="panel">
          <h2>{t('kpi.trend')}</h2>
          <TrendChart
            points={trend.values.map((value, i) => ({ label: SAMPLE_MONTHS[locale][i] ?? '', value }))}
            target={trend.target}
            targetLabel={t('gauge.target', { target: format(trend.target) })}
            formatValue={format}
            ariaLabel={t('kpi.trendAria', {
              title: kpi.name[locale],
              first: format(trend.values[0] ?? 0),
              last: format(trend.values.at(-1) ?? 0),
              target: format(trend.target),
            })}
          />
        </section>
      )}
    </>
  )
}
