import { Gauge } from '../../components/gauge/Gauge.tsx'
import type { GaugeProps } from '../../components/gauge/Gauge.tsx'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import type { Formatters } from '../../i18n/i18n.tsx'
import type { Locale } from '../../i18n/format.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { hrefFor, navigate } from '../../router.tsx'
import { SAMPLE_AREAS, SAMPLE_CURRENCY, SAMPLE_PERIOD } from './dashboard-sample.ts'
import type { SampleKpi } from './dashboard-sample.ts'
import { formatDelta, formatKpiValue } from './kpi-text.ts'
import './dashboard.css'

/** The team dashboard: focus areas in rank order, each with its headline gauges. Placeholder data for now. */
export function DashboardPage() {
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          <p className="page-sub">
            {t('dashboard.period', { period: SAMPLE_PERIOD.label[locale], scope: t('dashboard.sampleScope') })}
          </p>
        </div>
      </div>
      <p className="notice" role="note">
        {t('dashboard.placeholder')}
      </p>
      <div className="focus-grid">
        {SAMPLE_AREAS.map((area) => (
          <section key={area.key} className="focus-area" aria-labelledby={`area-${area.key}`}>
            <header className="focus-area-head">
              <span className="focus-area-rank" aria-label={t('dashboard.areaRank', { rank: area.rank })}>
                {area.rank}
              </span>
              <h2 id={`area-${area.key}`}>{area.name[locale]}</h2>
            </header>
            <div className="focus-area-gauges" data-count={area.kpis.length}>
              {area.kpis.map((kpi) => (
                <Gauge key={kpi.key} {...toGaugeProps(kpi, locale, fmt, t)} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </>
  )
}

function toGaugeProps(
  kpi: SampleKpi,
  locale: Locale,
  fmt: Formatters,
  t: (key: MessageKey, vars?: MessageVars) => string,
): GaugeProps {
  const text = (n: number | null) => (n === null ? undefined : formatKpiValue(fmt, kpi.unit, n, SAMPLE_CURRENCY))
  const props: GaugeProps = {
    title: kpi.name[locale],
    valueText: text(kpi.value) ?? '—',
    value: kpi.value,
    target: kpi.target,
    proRatedTarget: kpi.proRatedTarget,
    status: kpi.status,
    direction: kpi.direction,
    onOpen: () => navigate(hrefFor({ name: 'kpi', key: kpi.key })),
  }
  const targetText = text(kpi.target)
  const proRatedTargetText = text(kpi.proRatedTarget)
  if (targetText !== undefined) props.targetText = targetText
  if (proRatedTargetText !== undefined) props.proRatedTargetText = proRatedTargetText
  if (kpi.deltaRatio !== undefined) props.deltaText = t('dashboard.delta', { delta: formatDelta(fmt, kpi.deltaRatio) })
  if (kpi.forecast !== undefined) props.forecastText = t('dashboard.forecast', { value: text(kpi.forecast) ?? '' })
  if (kpi.actionPoints) props.actionPoints = kpi.actionPoints
  if (kpi.noValueReason) props.noValueReason = t(kpi.noValueReason)
  return props
}
