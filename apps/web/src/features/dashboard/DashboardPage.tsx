import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { getKpi } from '@kpi/domain/kpis/registry'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import type { GaugeProps } from '../../components/gauge/Gauge.tsx'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import type { Formatters } from '../../i18n/i18n.tsx'
import type { Locale } from '../../i18n/format.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { hrefFor, navigate } from '../../router.tsx'
import { SAMPLE_CURRENCY, SAMPLE_FIGURES, SAMPLE_PERIOD } from './dashboard-sample.ts'
import type { SampleFigure } from './dashboard-sample.ts'
import { formatDelta, formatKpiNumber } from './kpi-text.ts'
import './dashboard.css'

type T = (key: MessageKey, vars?: MessageVars) => string

/** The team dashboard: focus areas in rank order, each with its headline gauges. Placeholder figures for now. */
export function DashboardPage() {
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  const areas = [...DEFAULT_FOCUS_AREAS].sort((a, b) => a.rank - b.rank)
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
        {areas.map((area) => (
          <section key={area.key} className="focus-area" aria-labelledby={`area-${area.key}`}>
            <header className="focus-area-head">
              <span className="focus-area-rank" aria-label={t('dashboard.areaRank', { rank: area.rank })}>
                {area.rank}
              </span>
              <h2 id={`area-${area.key}`}>{area.name[locale]}</h2>
            </header>
            <div className="focus-area-gauges" data-count={area.kpiKeys.length}>
              {keysOf(area).map((key) => {
                const figure = SAMPLE_FIGURES[key]
                return figure && <Gauge key={key} {...toGaugeProps(key, figure, locale, fmt, t)} />
              })}
            </div>
          </section>
        ))}
      </div>
    </>
  )
}

// The layout type intersects string[] with KpiKey[]; name the narrower one so lookups stay typed.
function keysOf(area: { kpiKeys: readonly KpiKey[] }): readonly KpiKey[] {
  return area.kpiKeys
}

function toGaugeProps(key: KpiKey, figure: SampleFigure, locale: Locale, fmt: Formatters, t: T): GaugeProps {
  const kpi = getKpi(key)
  const text = (n: number | null) => (n === null ? undefined : formatKpiNumber(n, kpi, locale, SAMPLE_CURRENCY))
  const props: GaugeProps = {
    title: kpi.name[locale],
    valueText: text(figure.value) ?? '—',
    value: figure.value,
    target: figure.target,
    proRatedTarget: figure.proRatedTarget,
    status: figure.status,
    // A 'neutral' KPI is never coloured (its status is no-target), so the direction hint does not matter there.
    direction: kpi.direction === 'lower' ? 'lower' : 'higher',
    onOpen: () => navigate(hrefFor({ name: 'kpi', key })),
  }
  const targetText = text(figure.target)
  const proRatedTargetText = text(figure.proRatedTarget)
  if (targetText !== undefined) props.targetText = targetText
  if (proRatedTargetText !== undefined) props.proRatedTargetText = proRatedTargetText
  if (figure.deltaRatio !== undefined)
    props.deltaText = t('dashboard.delta', { delta: formatDelta(fmt, figure.deltaRatio) })
  if (figure.forecast !== undefined)
    props.forecastText = t('dashboard.forecast', { value: text(figure.forecast) ?? '' })
  if (figure.actionPoints) props.actionPoints = figure.actionPoints
  if (figure.noValueReason) props.noValueReason = t(figure.noValueReason)
  return props
}
