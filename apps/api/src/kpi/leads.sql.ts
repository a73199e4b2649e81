/**
 * Leads group (kpis/aggregates.ts LeadsAggregate) for every span in one statement. A lead's first activity and an
 * account's first lead (earliest created_at, ties: lowest id, organisation-wide, before the scope is applied) are
 * read from lead_responses and lead_accounts, side tables that PostgreSQL triggers keep with the lead's scope
 * columns and created_at (migrations 20261126020000_lead_facts, 20261210010000_lead_facts_side_tables; decisions
 * 0009, 0043): the cost follows the leads in the spans, with no probe per lead. The median response time is
 * percentile_cont over whole milliseconds (exact in float8), divided into hours in JavaScript. Team and rep MQL /
 * SQL counts use leads ({team,owner}_id, {mql,sql}_at).
 */
import type pg from 'pg'
import type { LeadsAggregate } from '@kpi/domain/kpis/aggregates'
import type { LeadsPart } from '@kpi/domain/kpis/combine'
import { conversionsUntil } from '@kpi/domain/kpis/windows'
import { endsOf, scopeCount, startsOf, type Grid, type GroupRequest } from './group-request.ts'
import {
  becameOpportunityBefore,
  createdIn,
  LEAD_SCOPE,
  mqlConvertedBefore,
  mqlIn,
  qualifiedIn,
  RESPONSE_MS,
} from './rows/leads.rows.ts'
import { perScopeType, runGrid, SCOPE_CTE, scopeIds } from './scope-set.ts'

const MS_PER_HOUR = 3_600_000

const COUNTS = `count(*)::int AS created,
         count(*) FILTER (WHERE ${becameOpportunityBefore('s.converted_by')})::int AS created_converted`

/** `withResponses`: also every responded lead's response time, sorted (a part of a running period, kpis/combine.ts). */
const build = (withResponses: boolean) =>
  perScopeType((scope, type) => {
    const inScope = scope(LEAD_SCOPE)
    const span = { start: 's.start_at', end: 's.end_at' }
    const created = `FROM leads t WHERE t.organization_id = $1 AND ${createdIn(span)} AND ${inScope}`
    // The span's new leads that got a response, and those that are their account's first: their rows in
    // lead_responses and lead_accounts (the lead's scope columns and created_at, copied).
    const responded = `FROM lead_responses t WHERE t.organization_id = $1 AND ${createdIn(span)} AND ${inScope}`
    const firstOfAccount = `FROM lead_accounts t WHERE t.organization_id = $1 AND ${createdIn(span)} AND ${inScope}`
    // The span's new leads, counted and split by channel. A team's or rep's come from the table (through
    // (team_id | owner_id, created_at)): one pass, grouping set () for the totals (a row also over no leads) and
    // (channel) per channel, halves those reads (team year 3.2 → 2.5 s on the benchmark database). The
    // organisation's come from a covering index, where a second index-only scan hashed by channel is cheaper
    // than sorting one pass by channel (org year 3.2 s against 4.0 s).
    const createdLeads =
      type === 'org'
        ? `CROSS JOIN LATERAL (SELECT ${COUNTS} ${created}) c
CROSS JOIN LATERAL (
  SELECT coalesce(jsonb_object_agg(g.channel, g.n), '{}'::jsonb) AS by_channel
  FROM (SELECT t.channel, count(*)::int AS n ${created} GROUP BY t.channel) g
) ch`
        : `CROSS JOIN LATERAL (
  SELECT max(g.created) FILTER (WHERE g.total) AS created,
         max(g.created_converted) FILTER (WHERE g.total) AS created_converted,
         coalesce(jsonb_object_agg(g.channel, g.created) FILTER (WHERE NOT g.total), '{}'::jsonb) AS by_channel
  FROM (
    SELECT grouping(t.channel) = 1 AS total, t.channel, ${COUNTS}
    ${created} GROUP BY GROUPING SETS ((), (t.channel))
  ) g
) c`
    return `
WITH ${SCOPE_CTE},
s AS (
  SELECT * FROM unnest($3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
    WITH ORDINALITY AS s(start_at, end_at, converted_by, i)
)
SELECT sc.si, s.i, c.*, r.*, na.new_accounts, m.*, q.qualified${type === 'org' ? ', ch.by_channel' : ''}
FROM sc CROSS JOIN s
${createdLeads}
CROSS JOIN LATERAL (
  SELECT count(*)::int AS responded, percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms) AS median_response_ms${
    withResponses ? ', array_agg(x.ms ORDER BY x.ms) AS responses_ms' : ''
  }
  FROM (SELECT ${RESPONSE_MS} AS ms ${responded}) x
) r
CROSS JOIN LATERAL (SELECT count(*)::int AS new_accounts ${firstOfAccount}) na
CROSS JOIN LATERAL (
  SELECT count(*)::int AS mql_cohort, count(*) FILTER (WHERE ${mqlConvertedBefore('s.converted_by')})::int AS mql_cohort_converted
  FROM leads t WHERE t.organization_id = $1 AND ${mqlIn(span)} AND ${inScope}
) m
CROSS JOIN LATERAL (
  SELECT count(*)::int AS qualified FROM leads t WHERE t.organization_id = $1 AND ${qualifiedIn(span)} AND ${inScope}
) q`
  })
const SQL = build(false)
const PART_SQL = build(true)

export type LeadsRow = {
  si: string
  i: string
  created: number
  created_converted: number
  responded: number
  median_response_ms: number | null
  mql_cohort: number
  mql_cohort_converted: number
  qualified: number
  new_accounts: number
  by_channel: Record<string, number>
  responses_ms?: number[] | null
}

export function queryLeads(pool: pg.Pool, request: GroupRequest): Promise<Grid<LeadsAggregate>> {
  return runLeads(pool, request, SQL, leadsAggregateOf)
}

/** The leads group of parts of running periods, each with its responded leads' sorted response times. */
export function queryLeadParts(pool: pg.Pool, request: GroupRequest): Promise<Grid<LeadsPart>> {
  return runLeads(pool, request, PART_SQL, (r) => ({
    aggregate: leadsAggregateOf(r),
    responsesMs: r.responses_ms ?? [],
  }))
}

function runLeads<A>(pool: pg.Pool, request: GroupRequest, sql: typeof SQL, map: (r: LeadsRow) => A): Promise<Grid<A>> {
  const { periods, now, settings } = request
  // Conversions of a like-for-like span count up to its cut; 'infinity': at any time.
  const convertedBy = periods.map((p) => conversionsUntil(p, now, settings) ?? 'infinity')
  return runGrid<LeadsRow, A>(
    pool,
    sql[request.scopes.type],
    [request.organizationId, scopeIds(request.scopes), startsOf(periods), endsOf(periods), convertedBy],
    { scopes: scopeCount(request), spans: periods.length },
    map,
  )
}

/** A leads statement's row as the group's aggregate (also the probe reference's, testing/leads-probes.reference.ts). */
export function leadsAggregateOf(r: LeadsRow): LeadsAggregate {
  return {
    created: r.created,
    createdByChannel: r.by_channel,
    newAccounts: r.new_accounts,
    qualified: r.qualified,
    mqlCohort: r.mql_cohort,
    mqlCohortConverted: r.mql_cohort_converted,
    createdConverted: r.created_converted,
    responded: r.responded,
    medianResponseHours: r.median_response_ms === null ? null : r.median_response_ms / MS_PER_HOUR,
  }
}
