import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { KPIS } from '@kpi/domain/kpis/registry'

// What every new organisation starts with besides its people and data — the first-run setup, `pnpm setup:org`
// and the demo organisation alike — so a fresh dashboard judges its KPIs the way the demo shows them. The
// focus-area layout is the domain's DEFAULT_FOCUS_AREAS; the settings and thresholds are here.

/** Organisation settings a new organisation gets unless told otherwise. */
export const DEFAULT_ORGANIZATION_SETTINGS = {
  timeZone: 'Europe/Amsterdam',
  currency: 'EUR',
  fiscalYearStartMonth: 1,
  leaderboardEnabled: false,
  splitTeamTargets: false,
} as const

interface ThresholdSpec {
  mode: 'RELATIVE' | 'ABSOLUTE'
  greenFrom: number
  orangeFrom: number
  orange: string[]
  red: string[]
}

const relative = (orange: string[], red: string[]): ThresholdSpec => ({
  mode: 'RELATIVE',
  greenFrom: 100,
  orangeFrom: 85,
  orange,
  red,
})

// Absolute bounds for KPIs judged on their own value rather than against a target. For "lower is better" KPIs
// (churn, response time, cycle) greenFrom/orangeFrom are upper bounds; the domain's direction decides.
const absolute = (greenFrom: number, orangeFrom: number, orange: string[], red: string[]): ThresholdSpec => ({
  mode: 'ABSOLUTE',
  greenFrom,
  orangeFrom,
  orange,
  red,
})

const GENERIC_ORANGE = ['Discuss in the Monday stand-up: what is behind the dip?']
const GENERIC_RED = ['Manager and rep agree a recovery plan this week', 'Review again at the next monthly KPI meeting']

/** Default thresholds and action points (SPEC section 4): relative 100/85 for most, absolute where a target is odd. */
const THRESHOLDS: Partial<Record<KpiKey, ThresholdSpec>> = {
  'activity.calls': relative(
    ['Block two calling hours in the agenda, Tuesday and Thursday morning'],
    ['Power hour with the team lead every day this week', 'Check the call list with marketing: enough fresh leads?'],
  ),
  'activity.meetings': relative(
    ['Ask every warm lead for a concrete appointment, not "we will call you"'],
    ['Manager joins two customer visits this week', 'Re-activate dormant accounts from the last 12 months'],
  ),
  'activity.proposals': relative(
    ['Check open opportunities in discovery: which can get a quote this week?'],
    ['Pipeline review with the manager: what blocks proposals?', 'Use the standard quote template to save time'],
  ),
  'activity.response_hours': absolute(
    4,
    24,
    ['Set up a shared lead inbox rota so nothing waits over lunch'],
    ['Call every inbound lead the same day: manager checks the queue at 16:00'],
  ),
  'leads.new': relative(
    ['Ask marketing for an extra LinkedIn campaign'],
    ['Emergency meeting with marketing about the lead plan', 'Every rep asks two customers for a referral'],
  ),
  'leads.qualified': relative(
    ['Follow up all MQLs older than 3 days'],
    ['Review the qualification criteria with marketing', 'Extra outbound block of 2 hours a day per rep'],
  ),
  'leads.mql_to_sql': absolute(
    50,
    40,
    ['Check lead scoring with marketing: are MQLs really sales-ready?'],
    ['Joint sales–marketing session on the ideal customer profile', 'Call back every rejected MQL within a week'],
  ),
  'leads.lead_to_opportunity': absolute(12, 8, GENERIC_ORANGE, GENERIC_RED),
  'leads.velocity_days': absolute(
    60,
    90,
    ['Find the stage where leads stall and discuss it in the pipeline review'],
    ['Set a next step with a date on every open opportunity'],
  ),
  'revenue.won': relative(
    ['Pull forward deals in negotiation: what does the customer still need?'],
    ['Weekly deal review with the sales director', 'Focus on the top 10 open deals, park the rest'],
  ),
  'revenue.growth': absolute(10, 0, GENERIC_ORANGE, GENERIC_RED),
  'deals.win_rate': absolute(
    40,
    30,
    ['Run a lost-deal analysis on the last five losses'],
    ['Stop chasing deals outside the ideal customer profile', 'Role-play the closing conversation in the team meeting'],
  ),
  'deals.avg_size': relative(
    ['Offer the Analytics Module in every Platform Core proposal'],
    ['Review discounting: who approves discounts above 10 %?'],
  ),
  'deals.cycle_days': absolute(45, 75, GENERIC_ORANGE, GENERIC_RED),
  'deals.margin_pct': absolute(45, 35, ['Check discounts on the last ten deals'], ['Finance signs off every quote']),
  'pipeline.coverage': absolute(1.2, 0.9, GENERIC_ORANGE, GENERIC_RED),
  'customers.churn_rate': absolute(
    2,
    5,
    ['Account manager calls every customer with a renewal in the next 90 days'],
    ['Customer success plan for every at-risk ICP customer', 'Escalate to the management team this week'],
  ),
  'customers.retention_rate': absolute(95, 90, GENERIC_ORANGE, GENERIC_RED),
  'revenue.nrr': absolute(
    100,
    90,
    ['Plan an upsell conversation with the top 20 customers'],
    ['Quarterly business review with every customer that shrank'],
  ),
  'customers.nps': absolute(
    30,
    0,
    ['Call every passive respondent back within a week'],
    ['Call every detractor within 48 hours', 'Discuss the top three complaints in the management team'],
  ),
  'customers.csat': absolute(80, 65, GENERIC_ORANGE, GENERIC_RED),
  'team.enps': absolute(
    20,
    0,
    ['Discuss the results openly in the next team meeting'],
    ['One-to-one with every team member this month', 'HR joins the next team meeting'],
  ),
  'team.q12': absolute(
    4,
    3.5,
    ['Pick the lowest-scoring Q12 item and agree one improvement'],
    ['Team session with HR on workload and recognition'],
  ),
  'efficiency.labour_ratio': absolute(
    4,
    3,
    ['Check non-selling time: which admin can go?'],
    ['Freeze new hires until the ratio recovers', 'Review territory and account allocation'],
  ),
  'efficiency.cac': relative(
    ['Shift budget from paid to referral and partner channels'],
    ['Stop the campaign with the highest cost per customer'],
  ),
}

/** An organisation-wide threshold with its action points, as a new organisation gets it. */
export interface DefaultThreshold {
  kpiKey: KpiKey
  mode: 'RELATIVE' | 'ABSOLUTE'
  greenFrom: number
  orangeFrom: number
  greenActions: string[]
  orangeActions: string[]
  redActions: string[]
}

/** One organisation-wide threshold per KPI that has a direction (revenue.split is a breakdown, not a gauge). */
export function defaultThresholds(): DefaultThreshold[] {
  return KPI_KEYS.filter((key) => KPIS[key].direction !== 'neutral').map((kpiKey) => {
    const spec = THRESHOLDS[kpiKey] ?? relative(GENERIC_ORANGE, GENERIC_RED)
    return {
      kpiKey,
      mode: spec.mode,
      greenFrom: spec.greenFrom,
      orangeFrom: spec.orangeFrom,
      greenActions: [],
      orangeActions: spec.orange,
      redActions: spec.red,
    }
  })
}
