import type { Locale } from '../../i18n/format.ts'
import { shortPeriodLabel } from '../../lib/figures/period-label.ts'
import type { DetailTrendPoint } from './DetailTrendChart.tsx'

/**
 * The trend chart's points. Each label is put in words for the locale ("Mar 2026", "week 9 2026"), since the
 * chart shows it as is on the axis and in the tooltip. The trend's periods are all of the detail's period type.
 */
export function trendPoints(
  detail: {
    period: { type: string }
    kpi: { trend: { label: string; value: number | null; target: number | null }[] }
  },
  locale: Locale,
): DetailTrendPoint[] {
  return detail.kpi.trend.map((p) => ({
    label: shortPeriodLabel({ type: detail.period.type, label: p.label }, locale),
    actual: p.value,
    target: p.target,
  }))
}
