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
import type { Grid, GroupRequest } from './group-request.ts'
import { queryLeads } from './leads.sql.ts'
import { queryPipeline } from './pipeline.sql.ts'
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
 * exactly the groups asked for.
 */
export async function loadAggregates(
  pool: pg.Pool,
  request: GroupRequest & { groups: readonly GroupKey[] },
): Promise<Grid<Partial<Aggregates>>> {
  const { groups, ...rest } = request
  const grids = await Promise.all(groups.map((g) => GROUP_QUERIES[g](pool, rest) as Promise<Grid<unknown>>))
  const scopes = rest.scopes.type === 'org' ? 1 : rest.scopes.ids.length
  return Array.from({ length: scopes }, (_, si) =>
    rest.periods.map((_, pi) => {
      const record: Partial<Record<GroupKey, unknown>> = {}
      groups.forEach((g, gi) => (record[g] = grids[gi]![si]![pi]))
      return record as Partial<Aggregates>
    }),
  )
}
