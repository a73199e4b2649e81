/**
 * The default focus-area layout of SPEC section 2: six areas in rank order, each with its headline KPIs
 * (at most 3, because 004 warns against dashboards with 25+ KPIs). Admins may reorder and edit this per
 * organisation; this constant is what a new organisation (and the demo data) starts with.
 *
 * Exports: FocusAreaKey, FocusAreaLayout, FOCUS_AREA_KEYS, DEFAULT_FOCUS_AREAS.
 */
import type { KpiKey } from './kpis/keys.ts'

export const FOCUS_AREA_KEYS = [
  'lead-flow',
  'result',
  'sales-activity',
  'customer-retention',
  'team-motivation',
  'team-efficiency',
] as const

export type FocusAreaKey = (typeof FOCUS_AREA_KEYS)[number]

export type FocusAreaLayout = {
  key: string
  name: { en: string; nl: string }
  /** 1 = shown first. */
  rank: number
  /** Headline KPIs in display order. */
  kpiKeys: string[]
}

type DefaultFocusArea = FocusAreaLayout & { key: FocusAreaKey; kpiKeys: KpiKey[] }

export const DEFAULT_FOCUS_AREAS: DefaultFocusArea[] = [
  {
    key: 'lead-flow',
    name: { en: 'Lead flow', nl: 'Leadflow' },
    rank: 1,
    // "new qualified leads, MQL→SQL ratio, lead velocity"
    kpiKeys: ['leads.qualified', 'leads.mql_to_sql', 'leads.velocity_days'],
  },
  {
    key: 'result',
    name: { en: 'Result', nl: 'Resultaat' },
    rank: 2,
    kpiKeys: ['revenue.won', 'deals.win_rate', 'deals.avg_size'],
  },
  {
    key: 'sales-activity',
    name: { en: 'Sales activity', nl: 'Salesactiviteit' },
    rank: 3,
    kpiKeys: ['activity.calls', 'activity.meetings', 'activity.proposals'],
  },
  {
    key: 'customer-retention',
    name: { en: 'Customer retention', nl: 'Klantbehoud' },
    rank: 4,
    // The churn gauge shows the ICP-only variant beside the overall rate (see DEFINITIONS.md).
    kpiKeys: ['customers.churn_rate', 'revenue.nrr', 'customers.nps'],
  },
  {
    key: 'team-motivation',
    name: { en: 'Team motivation', nl: 'Teammotivatie' },
    rank: 5,
    kpiKeys: ['team.enps', 'team.q12'],
  },
  {
    key: 'team-efficiency',
    name: { en: 'Team labour efficiency', nl: 'Team arbeidsefficiëntie' },
    rank: 6,
    kpiKeys: ['efficiency.labour_ratio', 'efficiency.cac'],
  },
]
