import { formatNumber } from '@kpi/domain/format'
import type { FormatSpec, Unit } from '@kpi/domain/kpis/define-kpi'
import type { GaugeProps } from '../../components/gauge/Gauge.tsx'
import type { Locale } from '../../i18n/format.ts'
import type { Formatters } from '../../i18n/i18n.tsx'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'
import type { KpiValue } from '@kpi/domain/value'
import { formatDelta } from './kpi-text.ts'

type T = (key: MessageKey, vars?: MessageVars) => string

/** The number of a KPI value, or null for "no value" (the reason is shown separately). */
export const numberOf = (value: KpiValue | null | undefined): number | null =>
  value?.kind === 'value' ? value.value : null

/** Display text for a number in the KPI's unit, by the domain's formatter so API, web and tests agree. */
export function kpiText(kpi: DashboardKpi, value: number, locale: Locale, currency: string): string {
  return formatNumber(value, kpi.unit as Unit, kpi.format as FormatSpec, locale, currency)
}

/** Maps one dashboard KPI (API shape) to the API-agnostic Gauge's numbers and ready-made texts. */
export function toGaugeProps(
  kpi: DashboardKpi,
  ctx: {
    locale: Locale
    currency: string
    fmt: Formatters
    t: T
    onOpen?: () => void
    /** The period's first local date, for "Not started — starts on 1 January 2027". */
    periodStartDate?: string | undefined
  },
): GaugeProps {
  const { locale, currency, fmt, t } = ctx
  const text = (n: number | null) => (n === null ? undefined : kpiText(kpi, n, locale, currency))
  const value = numberOf(kpi.value)
  const props: GaugeProps = {
    title: kpi.name,
    valueText: text(value) ?? '—',
    value,
    target: kpi.target?.full ?? null,
    proRatedTarget: kpi.target?.comparison ?? null,
    status: kpi.status,
    direction: kpi.direction === 'lower' ? 'lower' : 'higher',
  }
  if (ctx.onOpen) props.onOpen = ctx.onOpen
  const targetText = text(kpi.target?.full ?? null)
  const proRatedText = text(kpi.target?.comparison ?? null)
  if (targetText !== undefined) props.targetText = targetText
  if (proRatedText !== undefined) props.proRatedTargetText = proRatedText
  if (kpi.status === 'not-started') {
    // Nothing to compare or forecast yet; the target stays (it is what the period will be judged by).
    props.noValueReason = ctx.periodStartDate
      ? t('gauge.notStartedOn', { date: fmt.date(`${ctx.periodStartDate}T12:00:00Z`, 'long') })
      : t('status.not-started')
    return props
  }
  if (kpi.previous.delta !== null && numberOf(kpi.previous.value)) {
    // delta is in the KPI's unit; the gauge shows it relative to the previous period (a ratio reads for any unit).
    props.deltaText = t('dashboard.delta', {
      delta: formatDelta(fmt, kpi.previous.delta / numberOf(kpi.previous.value)!),
    })
  }
  const forecast = numberOf(kpi.forecast)
  if (forecast !== null && kpi.accumulation === 'sum')
    props.forecastText = t('dashboard.forecast', { value: text(forecast) ?? '' })
  if (kpi.actions.length > 0) props.actionPoints = kpi.actions
  if (kpi.value.kind === 'none') props.noValueReason = t('dashboard.noValue')
  return props
}
