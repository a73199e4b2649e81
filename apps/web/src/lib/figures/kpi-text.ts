import { formatNumber } from '@kpi/domain/format'
import type { FormatSpec, Unit } from '@kpi/domain/kpis/define-kpi'
import type { Formatters } from '../../i18n/i18n.tsx'
import type { Locale } from '../../i18n/format.ts'

/** Display text for a KPI number, formatted by the domain's unit rules so API, web and tests agree. */
export function formatKpiNumber(
  value: number,
  kpi: { unit: Unit; format: FormatSpec },
  locale: Locale,
  currency: string,
): string {
  return formatNumber(value, kpi.unit, kpi.format, locale, currency)
}

/** Signed change: 0.12 → "+12%", −0.07 → "−7%" (a true minus sign reads better than a hyphen). */
export function formatDelta(fmt: Formatters, ratio: number): string {
  const text = fmt.percent(Math.abs(ratio))
  if (ratio > 0) return `+${text}`
  if (ratio < 0) return `−${text}`
  return text
}
