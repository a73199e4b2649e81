/** Deals group (kpis/aggregates.ts DealsAggregate): deals closed in each span, one statement for all spans. */
import type pg from 'pg'
import type { DealsAggregate } from '@kpi/domain/kpis/aggregates'
import { parseCents } from '@kpi/domain/money'
import { firstWonDeal } from './acquisitions.sql.ts'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import { DEAL_SCOPE, perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const won = `t.status = 'WON'`
const sumAmount = (filter: string) => `coalesce(sum(t.amount) FILTER (WHERE ${filter}), 0)::text`

const SQL = perScopeType((scope) => {
  const inScope = scope(DEAL_SCOPE)
  return `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i))
SELECT sc.si, s.i, d.*
FROM sc CROSS JOIN s
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE ${won})::int AS won,
         count(*) FILTER (WHERE t.status = 'LOST')::int AS lost,
         ${sumAmount(won)} AS won_amount,
         coalesce(sum(t.cost) FILTER (WHERE ${won}), 0)::text AS won_cost,
         ${sumAmount(`${won} AND t.type = 'NEW_BUSINESS'`)} AS new_business,
         ${sumAmount(`${won} AND t.type = 'UPSELL'`)} AS upsell,
         ${sumAmount(`${won} AND t.type = 'CROSS_SELL'`)} AS cross_sell,
         ${sumAmount(`${won} AND t.type = 'RENEWAL'`)} AS renewal,
         coalesce(sum(extract(epoch FROM t.closed_at - t.created_at)) FILTER (WHERE ${won}), 0)::text AS cycle_seconds,
         count(l.id) FILTER (WHERE ${won})::int AS won_from_lead,
         coalesce(sum(extract(epoch FROM t.closed_at - l.created_at)) FILTER (WHERE ${won} AND l.id IS NOT NULL), 0)::text
           AS from_lead_seconds,
         ${sumAmount(`${won} AND t.type IN ('UPSELL', 'CROSS_SELL') AND a.closed_at < s.start_at`)} AS expansion,
         -- A customer's first won deal that is in scope and in the span makes it a new customer here.
         count(*) FILTER (WHERE a.id = t.id)::int AS new_customers
  FROM deals t
  LEFT JOIN leads l ON l.id = t.lead_id AND l.organization_id = $1
  LEFT JOIN LATERAL ${firstWonDeal('t.customer_id', `t.status = 'WON'`)} a ON TRUE
  WHERE t.organization_id = $1 AND t.status IN ('WON', 'LOST')
    AND t.closed_at >= s.start_at AND t.closed_at < s.end_at AND ${inScope}
) d`
})

type Row = {
  si: string
  i: string
  won: number
  lost: number
  won_amount: string
  won_cost: string
  new_business: string
  upsell: string
  cross_sell: string
  renewal: string
  cycle_seconds: string
  won_from_lead: number
  from_lead_seconds: string
  expansion: string
  new_customers: number
}

export function queryDeals(pool: pg.Pool, request: GroupRequest): Promise<Grid<DealsAggregate>> {
  const { periods } = request
  return runGrid<Row, DealsAggregate>(
    pool,
    SQL[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods)],
    { scopes: scopeCount(request), spans: periods.length },
    (r) => ({
      won: r.won,
      lost: r.lost,
      wonAmountCents: parseCents(r.won_amount),
      wonCostCents: parseCents(r.won_cost),
      wonAmountCentsByType: {
        new_business: parseCents(r.new_business),
        upsell: parseCents(r.upsell),
        cross_sell: parseCents(r.cross_sell),
        renewal: parseCents(r.renewal),
      },
      // Timestamps have millisecond precision, so these sums are exact decimals; Number() is the display step.
      wonCycleSecondsSum: Number(r.cycle_seconds),
      wonFromLead: r.won_from_lead,
      wonFromLeadSecondsSum: Number(r.from_lead_seconds),
      expansionAmountCents: parseCents(r.expansion),
      newCustomers: r.new_customers,
    }),
  )
}
