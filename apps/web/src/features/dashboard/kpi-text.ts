import type { Formatters } from '../../i18n/i18n.tsx'
import type { SampleUnit } from './dashboard-sample.ts'

// Turns a raw KPI number into display text per unit. Interim: @kpi/domain will export the unit/format registry,
// and this file then delegates to it so API, web and tests agree on one formatting per unit.

/** Display text for a KPI value in its unit; percent values are percentage points (38.2 → "38.2%"). */
export function formatKpiValue(fmt: Formatters, unit: SampleUnit, value: number, currency: string): string {
  switch (unit) {
    case 'money':
      return fmt.money(Math.round(value), currency)
    case 'percent':
      return fmt.percent(value / 100, 1)
    case 'days':
      return `${fmt.number(value, 1)} d`
    case 'ratio':
      return `${fmt.number(value, 2)}×`
    case 'score':
      return fmt.number(value, 1)
    case 'count':
      return fmt.number(value)
  }
}

/** Signed change: 0.12 → "+12%", −0.07 → "−7%" (a true minus sign reads better than a hyphen). */
export function formatDelta(fmt: Formatters, ratio: number): string {
  const text = fmt.percent(Math.abs(ratio))
  if (ratio > 0) return `+${text}`
  if (ratio < 0) return `−${text}`
  return text
}
