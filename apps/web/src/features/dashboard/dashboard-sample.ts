// PLACEHOLDER until GET /api/dashboard exists: sample figures so the layout can be seen and reviewed.
// Delete this file when dashboard.queries.ts lands; nothing outside features/dashboard may import it.
// Layout, names, units, directions and formatting already come from @kpi/domain; only the numbers are made up.
//
// The period is November 2026 seen on Wed 25 Nov: 18 of its 21 working days have passed, so 'sum' KPIs
// (counts, money won) have targets pro-rated by 18 / 21 (rounded); rates, averages and scores are not.

import type { KpiKey } from '@kpi/domain/kpis/keys'
import type { GaugeStatus } from '../../components/gauge/gauge-status.ts'
import type { MessageKey } from '../../i18n/messages.ts'

export type SampleFigure = {
  /** In the KPI's display unit (percent as 0–100, money in currency units). */
  value: number | null
  target: number | null
  proRatedTarget: number | null
  status: GaugeStatus
  /** Change against the like-for-like previous period, as a ratio (0.12 = +12 %). */
  deltaRatio?: number
  forecast?: number
  actionPoints?: string[]
  noValueReason?: MessageKey
}

export const SAMPLE_PERIOD = { start: '2026-11-01', label: { en: 'November 2026', nl: 'november 2026' } }
export const SAMPLE_CURRENCY = 'EUR'

export const SAMPLE_FIGURES: Partial<Record<KpiKey, SampleFigure>> = {
  // 60 × 18 / 21 = 51.4 → 51; 41 / 51 = 80 %
  'leads.qualified': {
    value: 41,
    target: 60,
    proRatedTarget: 51,
    status: 'orange',
    deltaRatio: -0.07,
    forecast: 48,
    actionPoints: ['Re-run the webinar follow-up sequence', 'Ask marketing for a LinkedIn push this week'],
  },
  'leads.mql_to_sql': { value: 38.2, target: 35, proRatedTarget: 35, status: 'green', deltaRatio: 0.04 },
  'leads.velocity_days': { value: 43, target: 45, proRatedTarget: 45, status: 'green', deltaRatio: -0.05 },
  // 250,000 × 18 / 21 = 214,286; 184,500 / 214,286 = 86 %
  'revenue.won': {
    value: 184_500,
    target: 250_000,
    proRatedTarget: 214_286,
    status: 'orange',
    deltaRatio: 0.12,
    forecast: 231_000,
    actionPoints: ['Review every proposal older than 2 weeks with its owner'],
  },
  'deals.win_rate': {
    value: 21,
    target: 30,
    proRatedTarget: 30,
    status: 'red',
    deltaRatio: -0.18,
    actionPoints: ['Loss review of the last 10 lost deals on Friday', 'Qualify harder before sending a proposal'],
  },
  'deals.avg_size': { value: 14_200, target: 12_500, proRatedTarget: 12_500, status: 'green', deltaRatio: 0.09 },
  // 480 × 18 / 21 = 411.4 → 411; 412 / 411 = 100 %
  'activity.calls': { value: 412, target: 480, proRatedTarget: 411, status: 'green', deltaRatio: 0.03, forecast: 481 },
  // 80 × 18 / 21 = 68.6 → 69; 58 / 69 = 84 %
  'activity.meetings': {
    value: 58,
    target: 80,
    proRatedTarget: 69,
    status: 'orange',
    deltaRatio: -0.11,
    forecast: 68,
    actionPoints: ['Block two prospecting mornings per rep'],
  },
  // 30 × 18 / 21 = 25.7 → 26; 34 / 26 = 131 %
  'activity.proposals': { value: 34, target: 30, proRatedTarget: 26, status: 'green', deltaRatio: 0.21, forecast: 40 },
  'customers.churn_rate': { value: 1.4, target: 2, proRatedTarget: 2, status: 'green', deltaRatio: -0.12 },
  'revenue.nrr': {
    value: 104,
    target: 105,
    proRatedTarget: 105,
    status: 'orange',
    deltaRatio: 0.01,
    actionPoints: ['Plan upsell reviews for the 12 largest accounts'],
  },
  'customers.nps': { value: 38, target: null, proRatedTarget: null, status: 'no-target' },
  'team.enps': {
    value: null,
    target: 20,
    proRatedTarget: 20,
    status: 'no-data',
    noValueReason: 'noValue.noResponses',
  },
  'team.q12': { value: 4.1, target: 4, proRatedTarget: 4, status: 'green', deltaRatio: 0.02 },
  'efficiency.labour_ratio': {
    value: 1.8,
    target: 2,
    proRatedTarget: 2,
    status: 'orange',
    deltaRatio: -0.05,
    actionPoints: ['Check billable hours against plan per team'],
  },
  'efficiency.cac': {
    value: 3_250,
    target: 2_800,
    proRatedTarget: 2_800,
    status: 'red',
    deltaRatio: 0.16,
    actionPoints: ['Pause the two lowest-converting ad campaigns'],
  },
}
