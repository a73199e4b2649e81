/**
 * The rows behind each KPI, selected naively from the fixture's plain rows (packages/domain/src/reference), with
 * no SQL: the independent side of `routes/kpis/kpi-records.registry.test.ts`. For each KPI: the rows its records
 * list should hold, and the figures (numerator, denominator) those rows make, each with the aggregate field that
 * must equal it. Written from SPEC's KPI catalog and DEFINITIONS.md, not from the SQL.
 */
import type { Aggregates } from '@kpi/domain/kpis/aggregates'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import {
  closingWindow,
  conversionsUntil,
  costMonthsOf,
  costShares,
  efficiencyWindow,
  nrrWindows,
  pipelineAsOf,
  proRatedCents,
} from '@kpi/domain/kpis/windows'
import { parseCents } from '@kpi/domain/money'
import type { Period, PeriodSettings, Span } from '@kpi/domain/periods'
import { acquisitionInstants } from '@kpi/domain/reference/customer-rows'
import {
  activityInScope,
  costInScope,
  customerInScope,
  inSpan,
  ownedInScope,
  surveyInScope,
  type ActivityRow,
  type CostRow,
  type CustomerRow,
  type Dataset,
  type DealRow,
  type LeadRow,
  type SurveyRow,
} from '@kpi/domain/reference/rows'
import type { Scope } from '@kpi/domain/scope'
import { instantMs, type Instant } from '@kpi/domain/time-zone'
import type { EntityName } from '../../records/entity.ts'

export type Context = { data: Dataset; scope: Scope; period: Period; now: Instant; settings: PeriodSettings }

type RowOf = {
  deals: DealRow
  leads: LeadRow
  activities: ActivityRow
  customers: CustomerRow
  costs: CostRow
  surveys: SurveyRow
}

/** A figure over the listed rows: which of them it takes, what it adds up (1 per row for a count). */
export type Figure<R> = {
  name: string
  of?: (row: R, context: Context) => boolean
  measure?: (row: R, context: Context) => number
  equals: (a: Aggregates) => number
}

export type RowsOracle<E extends keyof RowOf = keyof RowOf> = {
  entity: E
  rows: (context: Context) => RowOf[E][]
  figures: Figure<RowOf[E]>[]
}

/** A row's identity, the same text as `KEY_SQL` makes in the database (costs and surveys have no fixture ids). */
export const keyOf: { [E in EntityName]: (row: RowOf[E]) => string } = {
  deals: (d) => String(d.id),
  leads: (l) => String(l.id),
  activities: (a) => String(a.id),
  customers: (c) => String(c.id),
  costs: (c) => `${c.category.toUpperCase()}|${c.month}|${c.teamId ?? '-'}|${parseCents(c.amount)}`,
  surveys: (s) => `${s.kind.toUpperCase()}|${instantMs(s.respondedAt)}|${parseCents(s.score)}|${s.customerId ?? '-'}`,
}

export const KEY_SQL: Record<EntityName, string> = {
  deals: 't.id::text',
  leads: 't.id::text',
  activities: 't.id::text',
  customers: 't.id::text',
  costs: `t.category || '|' || t.month::text || '|' || coalesce(t.team_id::text, '-') || '|' || (t.amount * 100)::bigint`,
  surveys: `t.kind || '|' || (extract(epoch FROM t.responded_at) * 1000)::bigint || '|' || (t.score * 100)::int || '|' || coalesce(t.customer_id::text, '-')`,
}

const cents = (d: { amount: string | null }) => (d.amount === null ? 0 : parseCents(d.amount))
const seconds = (from: Instant, to: Instant) => (instantMs(to) - instantMs(from)) / 1000
const won = (d: DealRow) => d.status === 'won'

// ── rows per group ──────────────────────────────────────────────────────────────────────────────────────────
const activities = (type: ActivityRow['type']) => (c: Context) =>
  c.data.activities.filter((a) => a.type === type && activityInScope(a, c.scope) && inSpan(a.occurredAt, c.period))
const leads = (c: Context) => c.data.leads.filter((l) => ownedInScope(l, c.scope))
const createdLeads = (c: Context) => leads(c).filter((l) => inSpan(l.createdAt, c.period))
const deals = (c: Context) => c.data.deals.filter((d) => ownedInScope(d, c.scope))
const closedDeals = (c: Context) =>
  deals(c).filter((d) => (d.status === 'won' || d.status === 'lost') && inSpan(d.closedAt, c.period))
const wonDeals = (c: Context) => closedDeals(c).filter(won)
const acquiredAt = (c: Context, customerId: number | null) => {
  const first = customerId === null ? undefined : acquisitionInstants(c.data.deals).get(customerId)
  return first === undefined ? null : instantMs(first.closedAt!)
}
const openDeals = (c: Context) => {
  const asOf = instantMs(pipelineAsOf(c.period, c.now))
  return deals(c).filter((d) => instantMs(d.createdAt) < asOf && (d.closedAt === null || instantMs(d.closedAt) >= asOf))
}
const weighted = (d: DealRow) => (cents(d) * d.probability) / 100
const customersActiveAtStart = (c: Context) => {
  const start = instantMs(c.period.start)
  return c.data.customers.filter((row) => {
    const at = acquiredAt(c, row.id)
    return customerInScope(row, c.scope, c.data.users) && at !== null && at < start && !churnedBefore(row, start)
  })
}
const churnedBefore = (row: CustomerRow, t: number) => row.churnedAt !== null && instantMs(row.churnedAt) < t
const surveys = (kind: SurveyRow['kind']) => (c: Context) =>
  c.data.surveys.filter((s) => s.kind === kind && surveyInScope(s, c.scope) && inSpan(s.respondedAt, c.period))
const costsIn = (categories: CostRow['category'][], span: (c: Context) => Span) => (c: Context) => {
  const months = new Set(costMonthsOf(span(c)))
  return c.data.costs.filter((x) => categories.includes(x.category) && costInScope(x, c.scope) && months.has(x.month))
}
// A running or cut month's costs count for the share of its days the figures cover (kpis/windows.ts costShares).
const costSum = (
  category: CostRow['category'],
  span: (c: Context) => Span,
  equals: (a: Aggregates) => number,
): Figure<CostRow> => ({
  name: category,
  of: (x) => x.category === category,
  measure: (x, c) => {
    const share = costShares(span(c), c.now, c.settings.timeZone).find((m) => m.month === x.month)!
    return proRatedCents(cents(x), share)
  },
  equals,
})
// A lead converted by the cut of a like-for-like span, or at any time (kpis/windows.ts conversionsUntil).
const convertedBy = (at: Instant | null, c: Context) => {
  const until = conversionsUntil(c.period, c.now, c.settings)
  return at !== null && (until === null || instantMs(at) < instantMs(until))
}
const periodOf = (c: Context): Span => c.period
const efficiencyOf = (c: Context): Span => efficiencyWindow(c.period, c.now, c.settings)
const responses = (equals: (a: Aggregates) => number): Figure<SurveyRow> => ({ name: 'responses', equals })

const oracle = <E extends keyof RowOf>(o: RowsOracle<E>): RowsOracle => o as unknown as RowsOracle
const wonRevenue = oracle({
  entity: 'deals',
  rows: wonDeals,
  figures: [{ name: 'won amount', measure: cents, equals: (a) => a.deals.wonAmountCents }],
})

export const ORACLE: Record<KpiKey, RowsOracle> = {
  'activity.calls': oracle({
    entity: 'activities',
    rows: activities('call'),
    figures: [{ name: 'calls', equals: (a) => a.activities.calls }],
  }),
  'activity.meetings': oracle({
    entity: 'activities',
    rows: activities('meeting'),
    figures: [{ name: 'meetings', equals: (a) => a.activities.meetings }],
  }),
  'activity.proposals': oracle({
    entity: 'activities',
    rows: activities('proposal'),
    figures: [{ name: 'proposals', equals: (a) => a.activities.proposals }],
  }),
  // The median runs over the leads created in P that got an activity at or after their creation.
  'activity.response_hours': oracle({
    entity: 'leads',
    rows: (c) =>
      createdLeads(c).filter((l) =>
        c.data.activities.some((a) => a.leadId === l.id && instantMs(a.occurredAt) >= instantMs(l.createdAt)),
      ),
    figures: [{ name: 'responded', equals: (a) => a.leads.responded }],
  }),
  'leads.new': oracle({
    entity: 'leads',
    rows: createdLeads,
    figures: [{ name: 'created', equals: (a) => a.leads.created }],
  }),
  // An account's first lead in the whole organisation (ties: lowest id), created in P and in scope.
  'leads.new_accounts': oracle({
    entity: 'leads',
    rows: (c) =>
      createdLeads(c).filter(
        (l) =>
          l.accountKey !== null &&
          !c.data.leads.some(
            (e) =>
              e.accountKey === l.accountKey &&
              (instantMs(e.createdAt) < instantMs(l.createdAt) || (e.createdAt === l.createdAt && e.id < l.id)),
          ),
      ),
    figures: [{ name: 'new accounts', equals: (a) => a.leads.newAccounts }],
  }),
  'leads.qualified': oracle({
    entity: 'leads',
    rows: (c) => leads(c).filter((l) => inSpan(l.sqlAt, c.period)),
    figures: [{ name: 'qualified', equals: (a) => a.leads.qualified }],
  }),
  'leads.mql_to_sql': oracle({
    entity: 'leads',
    rows: (c) => leads(c).filter((l) => inSpan(l.mqlAt, c.period)),
    figures: [
      { name: 'converted', of: (l, c) => convertedBy(l.sqlAt, c), equals: (a) => a.leads.mqlCohortConverted },
      { name: 'MQL cohort', equals: (a) => a.leads.mqlCohort },
    ],
  }),
  'leads.lead_to_opportunity': oracle({
    entity: 'leads',
    rows: createdLeads,
    figures: [
      { name: 'converted', of: (l, c) => convertedBy(l.opportunityAt, c), equals: (a) => a.leads.createdConverted },
      { name: 'created', equals: (a) => a.leads.created },
    ],
  }),
  'leads.velocity_days': oracle({
    entity: 'deals',
    rows: (c) => wonDeals(c).filter((d) => d.leadId !== null && c.data.leads.some((l) => l.id === d.leadId)),
    figures: [
      {
        name: 'seconds from lead',
        measure: (d, c) => seconds(c.data.leads.find((l) => l.id === d.leadId)!.createdAt, d.closedAt!),
        equals: (a) => a.deals.wonFromLeadSecondsSum,
      },
      { name: 'won from a lead', equals: (a) => a.deals.wonFromLead },
    ],
  }),
  'revenue.won': wonRevenue,
  'revenue.growth': wonRevenue,
  'revenue.split': wonRevenue,
  'deals.win_rate': oracle({
    entity: 'deals',
    rows: closedDeals,
    figures: [
      { name: 'won', of: won, equals: (a) => a.deals.won },
      { name: 'closed', equals: (a) => a.deals.won + a.deals.lost },
    ],
  }),
  'deals.avg_size': oracle({
    entity: 'deals',
    rows: wonDeals,
    figures: [
      { name: 'won amount', measure: cents, equals: (a) => a.deals.wonAmountCents },
      { name: 'won', equals: (a) => a.deals.won },
    ],
  }),
  'deals.cycle_days': oracle({
    entity: 'deals',
    rows: wonDeals,
    figures: [
      {
        name: 'cycle seconds',
        measure: (d) => seconds(d.createdAt, d.closedAt!),
        equals: (a) => a.deals.wonCycleSecondsSum,
      },
      { name: 'won', equals: (a) => a.deals.won },
    ],
  }),
  'deals.margin_pct': oracle({
    entity: 'deals',
    rows: wonDeals,
    figures: [
      {
        name: 'margin',
        // A deal of unknown cost is out of the margin (decision 29).
        measure: (d) => (d.cost === null ? 0 : cents(d) - parseCents(d.cost)),
        equals: (a) => a.deals.wonCostKnownAmountCents - a.deals.wonCostCents,
      },
      { name: 'won amount', measure: cents, equals: (a) => a.deals.wonAmountCents },
    ],
  }),
  // Open at asOf = min(now, P.end).
  'pipeline.value': oracle({
    entity: 'deals',
    rows: openDeals,
    figures: [
      { name: 'open amount', measure: cents, equals: (a) => a.pipeline.openAmountCents },
      { name: 'open', equals: (a) => a.pipeline.open },
    ],
  }),
  'pipeline.coverage': oracle({
    entity: 'deals',
    rows: (c) => openDeals(c).filter((d) => inSpan(d.expectedCloseAt, closingWindow(c.period, c.settings))),
    figures: [{ name: 'weighted closing', measure: weighted, equals: (a) => a.pipeline.weightedClosingInPeriodCents }],
  }),
  // The customer's first won deal (organisation-wide), closed in P, the deal in scope.
  'customers.new': oracle({
    entity: 'deals',
    rows: (c) => {
      const firsts = new Set([...acquisitionInstants(c.data.deals).values()].map((d) => d.id))
      return deals(c).filter((d) => firsts.has(d.id) && inSpan(d.closedAt, c.period))
    },
    figures: [{ name: 'new customers', equals: (a) => a.deals.newCustomers }],
  }),
  'customers.churn_rate': oracle({
    entity: 'customers',
    rows: customersActiveAtStart,
    figures: [
      { name: 'churned', of: (row, c) => inSpan(row.churnedAt, c.period), equals: (a) => a.customers.churned },
      { name: 'active at start', equals: (a) => a.customers.activeAtStart },
    ],
  }),
  'customers.retention_rate': oracle({
    entity: 'customers',
    rows: customersActiveAtStart,
    figures: [
      {
        name: 'still active at end',
        of: (row, c) => !churnedBefore(row, instantMs(c.period.end)),
        equals: (a) => a.customers.activeAtEnd - a.customers.newActiveAtEnd,
      },
      { name: 'active at start', equals: (a) => a.customers.activeAtStart },
    ],
  }),
  // Won in P from customers acquired before the previous period started.
  'revenue.nrr': oracle({
    entity: 'deals',
    rows: (c) => {
      const before = instantMs(nrrWindows(c.period, c.now, c.settings).cohortBefore)
      return wonDeals(c).filter((d) => (acquiredAt(c, d.customerId) ?? Infinity) < before)
    },
    figures: [{ name: 'cohort revenue', measure: cents, equals: (a) => a.cohort.revenueCents }],
  }),
  // Upsell and cross-sell won in P from customers acquired before P.
  'revenue.expansion': oracle({
    entity: 'deals',
    rows: (c) =>
      wonDeals(c).filter(
        (d) =>
          (d.type === 'upsell' || d.type === 'cross_sell') &&
          (acquiredAt(c, d.customerId) ?? Infinity) < instantMs(c.period.start),
      ),
    figures: [{ name: 'expansion', measure: cents, equals: (a) => a.deals.expansionAmountCents }],
  }),
  // The customers active where the CLV window ends (P's end, or now while P runs): the "per customer" of CLV.
  'customers.clv': oracle({
    entity: 'customers',
    rows: (c) => {
      const end = instantMs(pipelineAsOf(c.period, c.now))
      return c.data.customers.filter((row) => {
        const at = acquiredAt(c, row.id)
        return customerInScope(row, c.scope, c.data.users) && at !== null && at < end && !churnedBefore(row, end)
      })
    },
    figures: [{ name: 'active at end', equals: (a) => a.lifetime.activeAtEnd }],
  }),
  'customers.nps': oracle({
    entity: 'surveys',
    rows: surveys('nps'),
    figures: [responses((a) => a.surveys.npsResponses)],
  }),
  'customers.csat': oracle({
    entity: 'surveys',
    rows: surveys('csat'),
    figures: [
      { name: 'satisfied', of: (s) => parseCents(s.score) >= 400, equals: (a) => a.surveys.csatSatisfied },
      responses((a) => a.surveys.csatResponses),
    ],
  }),
  'team.enps': oracle({
    entity: 'surveys',
    rows: surveys('enps'),
    figures: [responses((a) => a.surveys.enpsResponses)],
  }),
  'team.q12': oracle({
    entity: 'surveys',
    rows: surveys('q12'),
    figures: [
      { name: 'score sum', measure: (s) => parseCents(s.score), equals: (a) => a.surveys.q12ScoreHundredthsSum },
      responses((a) => a.surveys.q12Responses),
    ],
  }),
  // The costs of the trailing 6-month window (efficiencyWindow), not of P.
  'efficiency.labour_ratio': oracle({
    entity: 'costs',
    rows: costsIn(['personnel', 'fixed'], efficiencyOf),
    figures: [
      costSum('personnel', efficiencyOf, (a) => a.efficiency.personnelCostsCents),
      costSum('fixed', efficiencyOf, (a) => a.efficiency.fixedCostsCents),
    ],
  }),
  'efficiency.cac': oracle({
    entity: 'costs',
    rows: costsIn(['sales', 'marketing'], periodOf),
    figures: [
      costSum('sales', periodOf, (a) => a.costs.salesCents),
      costSum('marketing', periodOf, (a) => a.costs.marketingCents),
    ],
  }),
  'efficiency.cost_per_qualified_lead': oracle({
    entity: 'costs',
    rows: costsIn(['marketing'], periodOf),
    figures: [costSum('marketing', periodOf, (a) => a.costs.marketingCents)],
  }),
}
