/**
 * The aggregate records of the KPI engine from PostgreSQL: one statement per group, each answering every
 * requested span (current, previous, last year, like-for-like, trend) and every scope of the set in one
 * round trip. Groups run concurrently on the pool.
 *
 * Exports: GROUP_QUERIES, loadAggregates.
 */
import type pg from 'pg'
import type { Aggregates, GroupKey } from '@kpi/domain/kpis/aggregates'
import { queryActivities } from './activities.sql.ts'
import { queryCohort } from './cohort.sql.ts'
import { queryCosts, queryEfficiency } from './costs.sql.ts'
import { queryCustomers, queryLifetime } from './customers.sql.ts'
import { queryDeals } from './deals.sql.ts'
import { scopeCount, type Grid, type GroupRequest } from './group-request.ts'
import { queryLeadParts, queryLeads } from './leads.sql.ts'
import { queryPipeline } from './pipeline.sql.ts'
import { SpanAggregateCache, spanIsFinished, type SpanAggregates } from './span-cache.ts'
import { ADDITIVE_GROUPS, combineParts, type AdditiveGroup, type Part } from '@kpi/domain/kpis/combine'
import { periodContaining, type Period } from '@kpi/domain/periods'
import { runningParts } from '@kpi/domain/sub-spans'
import { querySurveys } from './surveys.sql.ts'

export const GROUP_QUERIES: {
  [G in GroupKey]: (pool: pg.Pool, request: GroupRequest) => Promise<Grid<Aggregates[G]>>
} = {
  activities: queryActivities,
  leads: queryLeads,
  deals: queryDeals,
  pipeline: queryPipeline,
  customers: queryCustomers,
  cohort: queryCohort,
  lifetime: queryLifetime,
  surveys: querySurveys,
  costs: queryCosts,
  efficiency: queryEfficiency,
}

/**
 * The requested groups for every scope of the set and every period: result[scopeIndex][periodIndex] holds
 * exactly the groups asked for. With `spans`, finished spans come from the span cache where it holds them, and
 * each group's statement is sent for the other spans only (./span-cache.ts).
 */
export async function loadAggregates(
  pool: pg.Pool,
  request: GroupRequest & { groups: readonly GroupKey[] },
  spans?: SpanAggregates,
): Promise<Grid<Partial<Aggregates>>> {
  const { groups, ...rest } = request
  if (spans?.cache.enabled) await spans.cache.sync(pool, rest.organizationId, spans.version)
  const grids = await Promise.all(
    groups.map((g) =>
      spans?.cache.enabled
        ? queryThroughSpanCache(pool, g, rest, spans)
        : (GROUP_QUERIES[g](pool, rest) as Promise<Grid<unknown>>),
    ),
  )
  const scopes = rest.scopes.type === 'org' ? 1 : rest.scopes.ids.length
  return Array.from({ length: scopes }, (_, si) =>
    rest.periods.map((_, pi) => {
      const record: Partial<Record<GroupKey, unknown>> = {}
      groups.forEach((g, gi) => (record[g] = grids[gi]![si]![pi]))
      return record as Partial<Aggregates>
    }),
  )
}

/** The statements of the parts of running periods (kpis/combine.ts): the group's own, leads with response times. */
const PART_QUERIES: { [G in AdditiveGroup]: (pool: pg.Pool, request: GroupRequest) => Promise<Grid<Part<G>>> } = {
  activities: queryActivities,
  deals: queryDeals,
  surveys: querySurveys,
  leads: queryLeadParts,
}

const isAdditive = (group: GroupKey): group is AdditiveGroup => (ADDITIVE_GROUPS as readonly string[]).includes(group)

/**
 * The parts a running span of `group` is computed from, or null to compute it whole. The leads group counts
 * conversions up to a cut span's cut, so only whole periods are split for it (their parts are whole periods too).
 */
function partsOf(group: GroupKey, span: Period, request: GroupRequest): Period[] | null {
  if (!isAdditive(group)) return null
  if (group === 'leads' && periodContaining(span.startDate, span.type, request.settings).end !== span.end) return null
  return runningParts(span, request.now, request.settings)
}

type Planned = { span: Period; key: string | undefined; column?: unknown[] }

/**
 * One group's grid through the span cache: finished spans from the cache or computed whole; running spans of
 * additive groups from their parts (./span-cache.ts, @kpi/domain/sub-spans), the finished parts cached, so a miss
 * computes today and the spans no cache can hold. At most two statements: the whole spans, the parts.
 */
async function queryThroughSpanCache(
  pool: pg.Pool,
  group: GroupKey,
  request: GroupRequest,
  { cache, version }: SpanAggregates,
): Promise<Grid<unknown>> {
  const scopes = scopeCount(request)
  const lookUp = (kind: string, span: Period): Planned => {
    if (!spanIsFinished(span, request.now)) return { span, key: undefined }
    const key = SpanAggregateCache.key({ ...request, group: kind, span })
    // One entry holds the span for every scope of the set (a team's reps come back in one statement).
    return { span, key, column: cache.get(key) as unknown[] | undefined }
  }
  // A leads part also holds its response times: not the same value as the leads group of that span.
  const partKind = group === 'leads' ? 'leads part' : group
  const plans = request.periods.map((span) => {
    const parts = spanIsFinished(span, request.now) ? null : partsOf(group, span, request)
    return parts ? { parts: parts.map((part) => lookUp(partKind, part)) } : { whole: lookUp(group, span) }
  })
  const wholes = plans.flatMap((plan) => (plan.whole && !plan.whole.column ? [plan.whole] : []))
  const parts = plans.flatMap((plan) => (plan.parts ?? []).filter((part) => !part.column))
  const compute = async (spans: Planned[], query: (pool: pg.Pool, request: GroupRequest) => Promise<Grid<unknown>>) => {
    if (spans.length === 0) return
    const grid = await query(pool, { ...request, periods: spans.map((planned) => planned.span) })
    spans.forEach((planned, i) => {
      planned.column = grid.map((line) => line[i])
      if (planned.key !== undefined)
        cache.set(planned.key, request.organizationId, version, planned.span, planned.column)
    })
  }
  await Promise.all([
    compute(wholes, GROUP_QUERIES[group] as (pool: pg.Pool, request: GroupRequest) => Promise<Grid<unknown>>),
    isAdditive(group)
      ? compute(parts, PART_QUERIES[group] as (pool: pg.Pool, request: GroupRequest) => Promise<Grid<unknown>>)
      : undefined,
  ])
  return Array.from({ length: scopes }, (_, si) =>
    plans.map((plan) =>
      plan.whole
        ? plan.whole.column![si]
        : combineParts(group as AdditiveGroup, plan.parts.map((part) => part.column![si]) as Part<AdditiveGroup>[]),
    ),
  )
}
