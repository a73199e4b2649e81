/**
 * Which deals count, for the deals group (kpis/aggregates.ts DealsAggregate) and the KPIs read from it: won
 * revenue and its split and growth, win rate, deal size, cycle, margin, lead velocity, new customers, expansion.
 * deals.sql.ts, deal-breakdowns.ts and the records lists are built from these predicates; pipeline.rows.ts and
 * cohort.rows.ts reuse the scope and the won / closed conditions.
 */
import { parseCents } from '@kpi/domain/money'
import type { DealsAggregate } from '@kpi/domain/kpis/aggregates'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import type { Acquisition } from '../acquisitions.sql.ts'
import { acquisitionOf } from '../acquisitions.sql.ts'
import { inRegion, type ScopeConditions } from '../scope-set.ts'
import { inSpan, type RecordSource, type SpanSql } from './span-sql.ts'

/** Deals: rep = owner, team = the deal's team_id, customer = customer_id. */
export const DEAL_SCOPE: ScopeConditions = {
  org: 'TRUE',
  region: inRegion('t.team_id'),
  team: 't.team_id = sc.id',
  rep: 't.owner_id = sc.id',
  customer: 't.customer_id = sc.id',
}

export const WON = `t.status = 'WON'`
export const LOST = `t.status = 'LOST'`
export const CLOSED = `t.status IN ('WON', 'LOST')`
export const closedIn = (span: SpanSql) => inSpan('t.closed_at', span)
/** Won in the span; `deal` is the alias where a statement reads deals beside another table's `t`. */
export const wonIn = (span: SpanSql, deal = 't') => `${deal}.status = 'WON' AND ${inSpan(`${deal}.closed_at`, span)}`
export const ofType = (type: string) => `t.type = '${type}'`
/** Upsell and cross-sell: what expansion revenue counts, when the customer was acquired before the period. */
export const EXPANSION_TYPE = `t.type IN ('UPSELL', 'CROSS_SELL')`
export const existingCustomerAt = (acquisition: Acquisition, at: string) => `${acquisition.closedAt} < ${at}`
/** The customer's first won deal, organisation-wide: this deal made it a new customer. */
export const firstWonOfCustomer = (acquisition: Acquisition) => `${acquisition.id} = t.id`
/** The deal's lead (alias `l`), in the deal's organisation: lead velocity reads the deals won from one. */
export const LEAD_OF_DEAL = 'l.id = t.lead_id AND l.organization_id = t.organization_id'

const sumWon = (extra = '') => `coalesce(sum(t.amount) FILTER (WHERE ${WON}${extra}), 0)::text`

/** The figures of DealsAggregate read from the deals alone, as a select list over closed deals `t`. */
export const DEAL_FIGURES = `count(*) FILTER (WHERE ${WON})::int AS won,
       count(*) FILTER (WHERE ${LOST})::int AS lost,
       ${sumWon()} AS won_amount,
       coalesce(sum(t.cost) FILTER (WHERE ${WON}), 0)::text AS won_cost,
       ${sumWon(' AND t.cost IS NOT NULL')} AS won_cost_known_amount,
       count(*) FILTER (WHERE ${WON} AND t.cost IS NULL)::int AS won_cost_unknown,
       ${sumWon(` AND ${ofType('NEW_BUSINESS')}`)} AS new_business,
       ${sumWon(` AND ${ofType('UPSELL')}`)} AS upsell,
       ${sumWon(` AND ${ofType('CROSS_SELL')}`)} AS cross_sell,
       ${sumWon(` AND ${ofType('RENEWAL')}`)} AS renewal,
       coalesce(sum(extract(EPOCH FROM t.closed_at - t.created_at)) FILTER (WHERE ${WON}), 0)::text AS cycle_seconds`

export type DealFiguresRow = {
  won: number
  lost: number
  won_amount: string
  won_cost: string
  won_cost_known_amount: string
  won_cost_unknown: number
  new_business: string
  upsell: string
  cross_sell: string
  renewal: string
  cycle_seconds: string
}

export function dealFiguresOf(
  r: DealFiguresRow,
): Omit<DealsAggregate, 'wonFromLead' | 'wonFromLeadSecondsSum' | 'expansionAmountCents' | 'newCustomers'> {
  return {
    won: r.won,
    lost: r.lost,
    wonAmountCents: parseCents(r.won_amount),
    wonCostCents: parseCents(r.won_cost),
    wonCostKnownAmountCents: parseCents(r.won_cost_known_amount),
    wonCostUnknown: r.won_cost_unknown,
    wonAmountCentsByType: {
      new_business: parseCents(r.new_business),
      upsell: parseCents(r.upsell),
      cross_sell: parseCents(r.cross_sell),
      renewal: parseCents(r.renewal),
    },
    // Timestamps have millisecond precision, so these sums are exact decimals; Number() is the display step.
    wonCycleSecondsSum: Number(r.cycle_seconds),
  }
}

const records = (when: RecordSource['when']): RecordSource => ({
  entity: 'deals',
  scope: DEAL_SCOPE,
  when,
  defaultSort: '-closedAt',
})
const wonInPeriod = records(({ period }) => wonIn(period))
const acquisition = acquisitionOf('t.customer_id', 't.organization_id')

export const DEAL_RECORDS = {
  'revenue.won': wonInPeriod,
  'revenue.growth': wonInPeriod,
  'revenue.split': wonInPeriod,
  'deals.win_rate': records(({ period }) => `${CLOSED} AND ${closedIn(period)}`),
  'deals.avg_size': wonInPeriod,
  'deals.cycle_days': wonInPeriod,
  'deals.margin_pct': wonInPeriod,
  'leads.velocity_days': records(
    ({ period }) => `${wonIn(period)} AND EXISTS (SELECT 1 FROM leads l WHERE ${LEAD_OF_DEAL})`,
  ),
  'customers.new': records(({ period }) => `${wonIn(period)} AND ${firstWonOfCustomer(acquisition)}`),
  'revenue.expansion': records(
    ({ period }) => `${wonIn(period)} AND ${EXPANSION_TYPE} AND ${existingCustomerAt(acquisition, period.start)}`,
  ),
} satisfies Partial<Record<KpiKey, RecordSource>>
