/**
 * In-memory reference for the customer-lifecycle groups (customers, cohort, lifetime): acquisition is
 * the first won deal, active at t means acquired before t and not churned before t (DEFINITIONS.md).
 * Part of the reference in ./aggregate-rows.ts, split off to keep files small.
 *
 * Exports: acquisitionInstants, customersAggregate, cohortAggregate, lifetimeAggregate.
 */
import type { CohortAggregate, CustomersAggregate, LifetimeAggregate } from '../kpis/aggregates.ts'
import { clvWindow, nrrWindows } from '../kpis/windows.ts'
import { parseCents, sumCents } from '../money.ts'
import type { Period, PeriodSettings, Span } from '../periods.ts'
import type { Scope } from '../scope.ts'
import { instantMs, type Instant } from '../time-zone.ts'
import {
  amountCents,
  customerInScope,
  inSpan,
  ownedInScope,
  type CustomerRow,
  type Dataset,
  type DealRow,
} from './rows.ts'

/**
 * Each customer's acquisition: its first won deal (earliest closedAt, ties: lowest id), organisation-wide.
 * Customers without a won deal are prospects and are absent from the map.
 */
export function acquisitionInstants(deals: readonly DealRow[]): Map<number, DealRow> {
  const first = new Map<number, DealRow>()
  for (const d of deals) {
    if (d.status !== 'won' || d.customerId === null || d.closedAt === null) continue
    const f = first.get(d.customerId)
    const t = instantMs(d.closedAt)
    if (!f || t < instantMs(f.closedAt!) || (t === instantMs(f.closedAt!) && d.id < f.id)) first.set(d.customerId, d)
  }
  return first
}

/** active at t: acquired before t and not churned before t. */
function activeAt(c: CustomerRow, acquired: Map<number, DealRow>, t: number): boolean {
  const first = acquired.get(c.id)
  return first !== undefined && instantMs(first.closedAt!) < t && (c.churnedAt === null || instantMs(c.churnedAt) >= t)
}

export function customersAggregate(data: Dataset, scope: Scope, span: Span): CustomersAggregate {
  const acquired = acquisitionInstants(data.deals)
  const rows = data.customers.filter((c) => customerInScope(c, scope, data.users))
  const start = instantMs(span.start)
  const end = instantMs(span.end)
  const atStart = rows.filter((c) => activeAt(c, acquired, start))
  const atEnd = rows.filter((c) => activeAt(c, acquired, end))
  const churned = atStart.filter((c) => inSpan(c.churnedAt, span))
  return {
    activeAtStart: atStart.length,
    activeAtEnd: atEnd.length,
    newActiveAtEnd: atEnd.filter((c) => inSpan(acquired.get(c.id)!.closedAt, span)).length,
    churned: churned.length,
    activeAtStartIcp: atStart.filter((c) => c.idealProfile).length,
    churnedIcp: churned.filter((c) => c.idealProfile).length,
  }
}

export function cohortAggregate(
  data: Dataset,
  scope: Scope,
  period: Period,
  now: Instant,
  settings: PeriodSettings,
): CohortAggregate {
  const { cohortBefore, previous } = nrrWindows(period, now, settings)
  const acquired = acquisitionInstants(data.deals)
  const inCohort = (d: DealRow) => {
    const first = d.customerId === null ? undefined : acquired.get(d.customerId)
    return first !== undefined && instantMs(first.closedAt!) < instantMs(cohortBefore)
  }
  const wonIn = (span: Span) =>
    sumCents(
      data.deals
        .filter((d) => d.status === 'won' && ownedInScope(d, scope) && inSpan(d.closedAt, span) && inCohort(d))
        .map((d) => amountCents(d)),
    )
  return { revenueCents: wonIn(period), previousRevenueCents: wonIn(previous) }
}

export function lifetimeAggregate(
  data: Dataset,
  scope: Scope,
  span: Span,
  now: Instant,
  settings: PeriodSettings,
): LifetimeAggregate {
  const window = clvWindow(span, now, settings)
  const acquired = acquisitionInstants(data.deals)
  const rows = data.customers.filter((c) => customerInScope(c, scope, data.users))
  const ids = new Set(rows.map((c) => c.id))
  const won = data.deals.filter(
    (d) => d.status === 'won' && d.customerId !== null && ids.has(d.customerId) && inSpan(d.closedAt, window),
  )
  const atWindowStart = rows.filter((c) => activeAt(c, acquired, instantMs(window.start)))
  return {
    // A deal of unknown cost has no margin (SQL: amount − NULL is NULL, which sum skips).
    marginCents: sumCents(
      won.flatMap((d) => (d.amount === null || d.cost === null ? [] : [parseCents(d.amount) - parseCents(d.cost)])),
    ),
    activeAtEnd: rows.filter((c) => activeAt(c, acquired, instantMs(window.end))).length,
    activeAtWindowStart: atWindowStart.length,
    churnedInWindow: atWindowStart.filter((c) => inSpan(c.churnedAt, window)).length,
  }
}
