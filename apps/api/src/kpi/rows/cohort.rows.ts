/**
 * Which deals count for the NRR cohort (kpis/aggregates.ts CohortAggregate): won deals of customers acquired before
 * the previous period started (kpis/windows.ts nrrWindows), in the period and in the previous one. Scope as for
 * deals. cohort.sql.ts and the records list (the period's cohort deals) are built from these predicates.
 */
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { acquisitionOf, type Acquisition } from '../acquisitions.sql.ts'
import { DEAL_SCOPE, existingCustomerAt, wonIn } from './deals.rows.ts'
import type { RecordSource } from './span-sql.ts'

/** The deal's customer belongs to the cohort: acquired before `cohortBefore`. */
export const inCohort = (acquisition: Acquisition, cohortBefore: string) =>
  existingCustomerAt(acquisition, cohortBefore)

export const COHORT_RECORDS = {
  'revenue.nrr': {
    entity: 'deals',
    scope: DEAL_SCOPE,
    when: ({ period, cohortBefore }) =>
      `${wonIn(period)} AND ${inCohort(acquisitionOf('t.customer_id', 't.organization_id'), cohortBefore)}`,
    defaultSort: '-closedAt',
  },
} satisfies Partial<Record<KpiKey, RecordSource>>
