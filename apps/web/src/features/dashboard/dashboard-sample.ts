// PLACEHOLDER until GET /api/dashboard exists: a typed sample so the layout can be seen and reviewed.
// Delete this file when dashboard.queries.ts lands; nothing outside features/dashboard may import it.
//
// The period is November 2026 seen on Wed 25 Nov: 18 of its 21 working days have passed, so count and money
// targets are pro-rated by 18 / 21 (rounded); ratios, averages and scores are not pro-rated.

import type { GaugeStatus } from '../../components/gauge/gauge-status.ts'
import type { MessageKey } from '../../i18n/messages.ts'

export type SampleUnit = 'count' | 'money' | 'percent' | 'days' | 'score' | 'ratio'

export type SampleKpi = {
  key: string
  name: { en: string; nl: string }
  unit: SampleUnit
  direction: 'higher' | 'lower'
  /** Percent units hold percentage points (38.2 means 38.2 %); money is in whole euros. */
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

export type SampleFocusArea = { key: string; rank: number; name: { en: string; nl: string }; kpis: SampleKpi[] }

export const SAMPLE_PERIOD = { start: '2026-11-01', label: { en: 'November 2026', nl: 'november 2026' } }
export const SAMPLE_CURRENCY = 'EUR'

export const SAMPLE_AREAS: SampleFocusArea[] = [
  {
    key: 'lead-flow',
    rank: 1,
    name: { en: 'Lead flow', nl: 'Leadstroom' },
    kpis: [
      // 60 × 18 / 21 = 51.4 → 51; 41 / 51 = 80 %
      {
        key: 'leads.qualified',
        name: { en: 'Qualified leads', nl: 'Gekwalificeerde leads' },
        unit: 'count',
        direction: 'higher',
        value: 41,
        target: 60,
        proRatedTarget: 51,
        status: 'orange',
        deltaRatio: -0.07,
        forecast: 48,
        actionPoints: ['Re-run the webinar follow-up sequence', 'Ask marketing for a LinkedIn push this week'],
      },
      {
        key: 'leads.mql_to_sql',
        name: { en: 'MQL → SQL ratio', nl: 'MQL → SQL-ratio' },
        unit: 'percent',
        direction: 'higher',
        value: 38.2,
        target: 35,
        proRatedTarget: 35,
        status: 'green',
        deltaRatio: 0.04,
      },
      {
        key: 'leads.velocity_days',
        name: { en: 'Lead velocity', nl: 'Leadsnelheid' },
        unit: 'days',
        direction: 'lower',
        value: 43,
        target: 45,
        proRatedTarget: 45,
        status: 'green',
        deltaRatio: -0.05,
      },
    ],
  },
  {
    key: 'result',
    rank: 2,
    name: { en: 'Result', nl: 'Resultaat' },
    kpis: [
      // 250,000 × 18 / 21 = 214,286; 184,500 / 214,286 = 86 %
      {
        key: 'revenue.won',
        name: { en: 'Won revenue', nl: 'Gewonnen omzet' },
        unit: 'money',
        direction: 'higher',
        value: 184_500,
        target: 250_000,
        proRatedTarget: 214_286,
        status: 'orange',
        deltaRatio: 0.12,
        forecast: 231_000,
        actionPoints: ['Review every proposal older than 2 weeks with its owner'],
      },
      {
        key: 'deals.win_rate',
        name: { en: 'Win rate', nl: 'Slagingspercentage' },
        unit: 'percent',
        direction: 'higher',
        value: 21,
        target: 30,
        proRatedTarget: 30,
        status: 'red',
        deltaRatio: -0.18,
        actionPoints: ['Loss review of the last 10 lost deals on Friday', 'Qualify harder before sending a proposal'],
      },
      {
        key: 'deals.avg_size',
        name: { en: 'Average deal size', nl: 'Gemiddelde dealgrootte' },
        unit: 'money',
        direction: 'higher',
        value: 14_200,
        target: 12_500,
        proRatedTarget: 12_500,
        status: 'green',
        deltaRatio: 0.09,
      },
    ],
  },
  {
    key: 'activity',
    rank: 3,
    name: { en: 'Sales activity', nl: 'Verkoopactiviteit' },
    kpis: [
      // 480 × 18 / 21 = 411.4 → 411; 412 / 411 = 100 %
      {
        key: 'activity.calls',
        name: { en: 'Calls', nl: 'Gesprekken' },
        unit: 'count',
        direction: 'higher',
        value: 412,
        target: 480,
        proRatedTarget: 411,
        status: 'green',
        deltaRatio: 0.03,
        forecast: 481,
      },
      // 80 × 18 / 21 = 68.6 → 69; 58 / 69 = 84 %
      {
        key: 'activity.meetings',
        name: { en: 'Meetings', nl: 'Afspraken' },
        unit: 'count',
        direction: 'higher',
        value: 58,
        target: 80,
        proRatedTarget: 69,
        status: 'orange',
        deltaRatio: -0.11,
        forecast: 68,
        actionPoints: ['Block two prospecting mornings per rep'],
      },
      // 30 × 18 / 21 = 25.7 → 26; 34 / 26 = 131 %
      {
        key: 'activity.proposals',
        name: { en: 'Proposals sent', nl: 'Offertes verstuurd' },
        unit: 'count',
        direction: 'higher',
        value: 34,
        target: 30,
        proRatedTarget: 26,
        status: 'green',
        deltaRatio: 0.21,
        forecast: 40,
      },
    ],
  },
  {
    key: 'retention',
    rank: 4,
    name: { en: 'Customer retention', nl: 'Klantbehoud' },
    kpis: [
      {
        key: 'customers.churn_rate',
        name: { en: 'Churn rate (ICP)', nl: 'Churn (ICP)' },
        unit: 'percent',
        direction: 'lower',
        value: 1.4,
        target: 2,
        proRatedTarget: 2,
        status: 'green',
        deltaRatio: -0.12,
      },
      {
        key: 'revenue.nrr',
        name: { en: 'Net revenue retention', nl: 'Netto omzetbehoud' },
        unit: 'percent',
        direction: 'higher',
        value: 104,
        target: 105,
        proRatedTarget: 105,
        status: 'orange',
        deltaRatio: 0.01,
        actionPoints: ['Plan upsell reviews for the 12 largest accounts'],
      },
      {
        key: 'customers.nps',
        name: { en: 'Customer NPS', nl: 'Klant-NPS' },
        unit: 'score',
        direction: 'higher',
        value: 38,
        target: null,
        proRatedTarget: null,
        status: 'no-target',
      },
    ],
  },
  {
    key: 'motivation',
    rank: 5,
    name: { en: 'Team motivation', nl: 'Teammotivatie' },
    kpis: [
      {
        key: 'team.enps',
        name: { en: 'Employee NPS', nl: 'Medewerker-NPS' },
        unit: 'score',
        direction: 'higher',
        value: null,
        target: 20,
        proRatedTarget: 20,
        status: 'no-data',
        noValueReason: 'noValue.noResponses',
      },
      {
        key: 'team.q12',
        name: { en: 'Gallup Q12', nl: 'Gallup Q12' },
        unit: 'score',
        direction: 'higher',
        value: 4.1,
        target: 4,
        proRatedTarget: 4,
        status: 'green',
        deltaRatio: 0.02,
      },
    ],
  },
  {
    key: 'efficiency',
    rank: 6,
    name: { en: 'Team labour efficiency', nl: 'Arbeidsefficiëntie team' },
    kpis: [
      {
        key: 'efficiency.labour_ratio',
        name: { en: 'Labour-efficiency ratio', nl: 'Arbeidsefficiëntieratio' },
        unit: 'ratio',
        direction: 'higher',
        value: 1.8,
        target: 2,
        proRatedTarget: 2,
        status: 'orange',
        deltaRatio: -0.05,
        actionPoints: ['Check billable hours against plan per team'],
      },
      {
        key: 'efficiency.cac',
        name: { en: 'Customer acquisition cost', nl: 'Klantwervingskosten (CAC)' },
        unit: 'money',
        direction: 'lower',
        value: 3_250,
        target: 2_800,
        proRatedTarget: 2_800,
        status: 'red',
        deltaRatio: 0.16,
        actionPoints: ['Pause the two lowest-converting ad campaigns'],
      },
    ],
  },
]
