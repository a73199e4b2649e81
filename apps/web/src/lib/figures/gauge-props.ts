import { formatNumber } from '@kpi/domain/format'
import type { FormatSpec, Unit } from '@kpi/domain/kpis/define-kpi'
import type { GaugeProps } from '../../components/gauge/Gauge.tsx'
import type { Locale } from '../../i18n/format.ts'
import type { Formatters } from '../../i18n/i18n.tsx'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'
import type { KpiValue } from '@kpi/domain/value'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { formatDelta } from './kpi-text.ts'
import { periodLabel, shortPeriodLabel } from './period-label.ts'

type T = (key: MessageKey, vars?: MessageVars) => string

/** The number of a KPI value, or null for "no value" (the reason is shown separately). */
export const numberOf = (value: KpiValue | null | undefined): number | null =>
  value?.kind === 'value' ? value.value : null

/** Display text for a number in the KPI's unit, by the domain's formatter so API, web and tests agree. */
export function kpiText(kpi: DashboardKpi, value: number, locale: Locale, currency: string): string {
  return formatNumber(value, kpi.unit as Unit, kpi.format as FormatSpec, locale, currency)
}

/**
 * The pro-rated target as shown and as the gauge's percentage reads it (decision 33): counts with one decimal
 * ("pro-rated 1.7" calls by today, not "2"), other units at their own precision; the percentage beside it is
 * the actual ÷ this shown number, so "2 of 1.7" reads 118 % and adds up. Null without a target.
 */
export function shownProRated(
  kpi: DashboardKpi,
  locale: Locale,
  currency: string,
): { value: number; text: string } | null {
  if (!kpi.target) return null
  const digits = kpi.format.maximumFractionDigits + (kpi.unit === 'count' ? 1 : 0)
  const value = Math.round(kpi.target.comparison * 10 ** digits) / 10 ** digits
  const format = { ...kpi.format, maximumFractionDigits: digits } as FormatSpec
  return { value, text: formatNumber(value, kpi.unit as Unit, format, locale, currency) }
}

/**
 * "Derived from the December 2026 target" (or "the December 2026 and January 2027 targets" for a week across
 * two months) when the API derived a day or week target from coarser ones; undefined for a target set as is.
 */
export function derivedTargetNote(kpi: DashboardKpi, locale: Locale, t: T): string | undefined {
  const from = kpi.target?.derivedFrom
  if (!from || from.length === 0) return undefined
  const names = from.map((p) => (p.type === 'week' ? shortPeriodLabel(p, locale) : periodLabel(p, locale)))
  const periods = new Intl.ListFormat(INTL_LOCALE[locale], { type: 'conjunction' }).format(names)
  return t('gauge.derivedFrom', { periods, count: from.length })
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
  const proRated = shownProRated(kpi, locale, currency)
  const props: GaugeProps = {
    title: kpi.name,
    valueText: text(value) ?? '—',
    value,
    target: kpi.target?.full ?? null,
    proRatedTarget: proRated?.value ?? null,
    status: kpi.status,
    direction: kpi.direction === 'lower' ? 'lower' : 'higher',
    bands: kpi.bands,
  }
  if (ctx.onOpen) props.onOpen = ctx.onOpen
  const targetText = text(kpi.target?.full ?? null)
  if (targetText !== undefined) props.targetText = targetText
  if (proRated) props.proRatedTargetText = proRated.text
  const note = derivedTargetNote(kpi, locale, t)
  if (note) props.targetNote = note
  if (kpi.status === 'not-started') {
    // Nothing to compare or forecast yet; the target stays (it is what the period will be judged by).
    props.noValueReason = ctx.periodStartDate
      ? t('gauge.notStartedOn', { date: fmt.date(`${ctx.periodStartDate}T12:00:00Z`, 'long') })
      : t('status.not-started')
    return props
  }
  if (kpi.bands) {
    props.bandsText = {
      greenFrom: kpiText(kpi, kpi.bands.greenFrom, locale, currency),
      orangeFrom: kpiText(kpi, kpi.bands.orangeFrom, locale, currency),
    }
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
