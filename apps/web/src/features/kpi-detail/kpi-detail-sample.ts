// PLACEHOLDER until GET /api/kpis/:key/trend exists: a six-month series for two KPIs, so the chart can be seen.
import type { KpiKey } from '@kpi/domain/kpis/keys'

export const SAMPLE_MONTHS = {
  en: ['Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov'],
  nl: ['jun', 'jul', 'aug', 'sep', 'okt', 'nov'],
}

export const SAMPLE_TRENDS: Partial<Record<KpiKey, { values: (number | null)[]; target: number }>> = {
  'revenue.won': { values: [212_000, 198_500, 176_000, 241_000, 262_500, 184_500], target: 250_000 },
  'deals.win_rate': { values: [31, 29, 27.5, 26, 24, 21], target: 30 },
}
