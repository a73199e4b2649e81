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
import { queryLeads } from './leads.sql.ts'
import { queryPipeline } from './pipeline.sql.ts'
import { SpanAggregateCache, spanIsFinished, type SpanAggregates } from './span-cache.ts'
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

/** One group's grid: cached finished spans as they are, one statement for the rest (none when all are cached). */
async function queryThroughSpanCache(
  pool: pg.Pool,
  group: GroupKey,
  request: GroupRequest,
  { cache, version }: SpanAggregates,
): Promise<Grid<unknown>> {
  const scopes = scopeCount(request)
  const keys = request.periods.map((span) =>
    spanIsFinished(span, request.now)
      ? SpanAggregateCache.key({ ...request, group, span, scopes: request.scopes })
      : undefined,
  )
  // One entry holds the span for every scope of the set (a team's reps come back in one statement).
  const cached = keys.map((key) => (key === undefined ? undefined : (cache.get(key) as unknown[] | undefined)))
  const missing = request.periods.flatMap((_, i) => (cached[i] === undefined ? [i] : []))
  const computed =
    missing.length === 0
      ? []
      : ((await GROUP_QUERIES[group](pool, {
          ...request,
          periods: missing.map((i) => request.periods[i]!),
        })) as Grid<unknown>)
  missing.forEach((spanIndex, mi) => {
    const key = keys[spanIndex]
    const column = computed.map((line) => line[mi])
    cached[spanIndex] = column
    if (key !== undefined) cache.set(key, request.organizationId, version, request.periods[spanIndex]!, column)
  })
  return Array.from({ length: scopes }, (_, si) => cached.map((column) => column![si]))
}
