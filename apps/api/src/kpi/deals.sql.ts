/** Deals group (kpis/aggregates.ts DealsAggregate): deals closed in each span, one statement for all spans. */
import type pg from 'pg'
import type { DealsAggregate } from '@kpi/domain/kpis/aggregates'
import { parseCents } from '@kpi/domain/money'
import { firstWonDeal, JOINED_ACQUISITION } from './acquisitions.sql.ts'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import {
  CLOSED,
  closedIn,
  DEAL_FIGURES,
  DEAL_SCOPE,
  dealFiguresOf,
  EXPANSION_TYPE,
  existingCustomerAt,
  firstWonOfCustomer,
  LEAD_OF_DEAL,
  WON,
  type DealFiguresRow,
} from './rows/deals.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const span = { start: 's.start_at', end: 's.end_at' }
const a = JOINED_ACQUISITION

const SQL = perScopeType(
  (scope) => `
WITH ${SCOPE_CTE},
s AS (SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS s(start_at, end_at, i))
SELECT sc.si, s.i, d.*
FROM sc CROSS JOIN s
CROSS JOIN LATERAL (
  SELECT ${DEAL_FIGURES},
         count(l.id) FILTER (WHERE ${WON})::int AS won_from_lead,
         coalesce(sum(extract(EPOCH FROM t.closed_at - l.created_at)) FILTER (WHERE ${WON} AND l.id IS NOT NULL), 0)::text
           AS from_lead_seconds,
         coalesce(sum(t.amount) FILTER (
           WHERE ${WON} AND ${EXPANSION_TYPE} AND ${existingCustomerAt(a, span.start)}
         ), 0)::text AS expansion,
         count(*) FILTER (WHERE ${firstWonOfCustomer(a)})::int AS new_customers
  FROM deals t
  LEFT JOIN leads l ON ${LEAD_OF_DEAL}
  LEFT JOIN LATERAL ${firstWonDeal('t.customer_id', WON)} a ON TRUE
  WHERE t.organization_id = $1 AND ${CLOSED} AND ${closedIn(span)} AND ${scope(DEAL_SCOPE)}
) d`,
)

type Row = DealFiguresRow & {
  si: string
  i: string
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
      ...dealFiguresOf(r),
      wonFromLead: r.won_from_lead,
      wonFromLeadSecondsSum: Number(r.from_lead_seconds),
      expansionAmountCents: parseCents(r.expansion),
      newCustomers: r.new_customers,
    }),
  )
}
