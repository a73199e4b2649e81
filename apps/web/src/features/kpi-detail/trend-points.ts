import type { Locale } from '../../i18n/format.ts'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { shortPeriodLabel } from '../../lib/figures/period-label.ts'
import type { DetailTrendPoint } from './DetailTrendChart.tsx'

type ApiTrendPoint = {
  label: string
  value: number | null
  target: number | null
  running: boolean
  throughDate: string | null
  targetToDate: number | null
}

/**
 * The trend chart's points. Each label is put in words for the locale ("Mar 2026", "week 9 2026"), since the
 * chart shows it as is on the axis and in the tooltip. The trend's periods are all of the detail's period type.
 *
 * The running period is not drawn as a finished one (a month so far would end every line in a cliff): its value
 * leaves the solid `actual` line for a dashed `soFar` segment from the last finished point, with the date it
 * counts to and, for sum KPIs, the target pro-rated to that date (docs/decisions/0032).
 */
export function trendPoints(
  detail: { period: { type: string }; kpi: { trend: ApiTrendPoint[] } },
  locale: Locale,
): DetailTrendPoint[] {
  const trend = detail.kpi.trend
  return trend.map((p, i) => {
    const next = trend[i + 1]
    return {
      label: shortPeriodLabel({ type: detail.period.type, label: p.label }, locale),
      value: p.value,
      actual: p.running ? null : p.value,
      // The dashed segment runs from the last finished point to the running one.
      soFar: p.running || next?.running === true ? p.value : null,
      target: p.target,
      targetToDate: p.targetToDate,
      running: p.running,
      through: p.throughDate === null ? null : dayAndMonth(p.throughDate, locale),
    }
  })
}

/** Which series the chart draws, so its legend names only what is there ("Target" only where there is one). */
export function trendSeries(points: DetailTrendPoint[]) {
  return {
    target: points.some((p) => p.target !== null),
    soFar: points.some((p) => p.running && p.value !== null),
    targetToDate: points.some((p) => p.targetToDate !== null),
  }
}

/** "4 Dec" / "4 dec": the running period's last counted day, in the chart's tight space. */
function dayAndMonth(localDate: string, locale: Locale): string {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number]
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day, 12)),
  )
}
