/**
 * SQL aggregates == the in-memory reference (packages/domain/src/reference/aggregate-rows.ts) on the same
 * fixture rows, for every group, every scope type and several period types, and the KPI values computed
 * from either are equal. Organisation 2's rows are in the database but not in the reference dataset, so
 * any missing organization_id filter shows up as a difference.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { emptyAggregates, GROUP_KEYS, type Aggregates } from '@kpi/domain/kpis/aggregates'
import { computeKpi, KPI_LIST } from '@kpi/domain/kpis/registry'
import { periodContaining, type Period } from '@kpi/domain/periods'
import { aggregateAll } from '@kpi/domain/reference/aggregate-rows'
import { printScope, type Scope } from '@kpi/domain/scope'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadAggregates } from './aggregates.sql.ts'
import { scopeSetOf } from './scope-set.ts'
import { closeEnough } from './testing/compare.ts'
import { buildFixture, CHECKED_SCOPES, ORG } from './testing/fixture.ts'
import { insertFixture } from './testing/insert-fixture.ts'

const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
/** Inside February 2026, so that period is running (pipeline measured at now, not at the period end). */
const now = '2026-02-14T09:30:00.000Z'
const fixture = buildFixture()

const periods: Period[] = [
  periodContaining('2026-01-15', 'month', settings), // holds the 23:30-local deal of 31 January
  periodContaining('2025-10-10', 'month', settings), // DST ends 26 October (a 25-hour day)
  periodContaining('2025-03-10', 'month', settings), // DST starts 30 March (a 23-hour day)
  periodContaining('2026-01-28', 'week', settings), // 2026-W05: 26 Jan – 1 Feb, across a month end
  periodContaining('2025-11-01', 'quarter', settings),
  periodContaining('2025-06-01', 'year', settings),
  periodContaining('2026-02-14', 'month', settings), // running at `now`
  periodContaining('2026-01-31', 'day', settings),
]

const scopes: Scope[] = [
  ...CHECKED_SCOPES,
  { type: 'customer', id: 3 },
  { type: 'customer', id: 12 }, // no owner
]

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await insertFixture(db.pool, fixture)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const reference = (scope: Scope, period: Period) => aggregateAll(fixture.data, scope, period, { now, settings })

const load = (scope: Scope, list: readonly Period[] = periods) =>
  loadAggregates(db.pool, {
    organizationId: ORG,
    scopes: scopeSetOf(scope),
    periods: list,
    now,
    settings,
    groups: GROUP_KEYS,
  })

describe.each(scopes.map((scope) => ({ scope, name: printScope(scope) })))('scope $name', ({ scope }) => {
  test('every group equals the reference for every period (one statement per group for all periods)', async () => {
    const [grid] = await load(scope)
    periods.forEach((period, i) => closeEnough(grid![i], reference(scope, period), `${period.label}`))
  })

  test('every KPI computed from the SQL aggregates equals the KPI computed from the reference', async () => {
    const [grid] = await load(scope)
    periods.forEach((period, i) => {
      const previous = reference(scope, periods[i]!) // any consistent context works; the same for both sides
      const context = { period, previous, targets: { 'revenue.won': 25_000 } }
      for (const kpi of KPI_LIST) {
        const fromSql = computeKpi(kpi.key, scope, grid![i]!, context)
        const fromRows = computeKpi(kpi.key, scope, reference(scope, period), context)
        closeEnough(fromSql, fromRows, `${kpi.key} ${period.label}`)
      }
    })
  })
})

test('the fixture exercises every figure: each is non-zero for some scope and period', () => {
  const seen = new Set<string>()
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number' && value !== 0) seen.add(path)
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value))
        walk(v, path.startsWith('leads.createdByChannel') ? path : `${path}.${k}`)
  }
  for (const scope of scopes) for (const period of periods) walk(reference(scope, period), '')
  const all = new Set<string>()
  const walkKeys = (value: unknown, path: string) => {
    if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) walkKeys(v, `${path}.${k}`)
    else all.add(path)
  }
  walkKeys(emptyAggregates(), '')
  all.add('.leads.medianResponseHours')
  expect([...all].filter((path) => !seen.has(path))).toEqual([])
})

test('a team breakdown is one statement over the reps and equals the per-rep reference', async () => {
  const reps = [1, 2, 3]
  const grid = await loadAggregates(db.pool, {
    organizationId: ORG,
    scopes: { type: 'rep', ids: reps },
    periods,
    now,
    settings,
    groups: GROUP_KEYS,
  })
  expect(grid).toHaveLength(3)
  reps.forEach((id, si) =>
    periods.forEach((period, pi) => closeEnough(grid[si]![pi], reference({ type: 'rep', id }, period), `rep:${id}`)),
  )
})

test('a deal won at 23:30 local time on 31 January counts in January; one at local midnight in February', async () => {
  const customer: Scope = { type: 'customer', id: 3 }
  const january = periodContaining('2026-01-10', 'month', settings)
  const february = periodContaining('2026-02-10', 'month', settings)
  const [[jan, feb]] = (await load(customer, [january, february])) as [Partial<Aggregates>[]]
  const without = { ...fixture.data, deals: fixture.data.deals.filter((d) => d.id !== 901 && d.id !== 902) }
  const base = (period: Period) => aggregateAll(without, customer, period, { now, settings }).deals.wonAmountCents
  // Deal 901: 777.77 closed 2026-01-31T22:30Z (23:30 CET); deal 902: 333.33 closed 2026-01-31T23:00Z (00:00 CET).
  expect(jan!.deals!.wonAmountCents - base(january)).toBe(77_777)
  expect(feb!.deals!.wonAmountCents - base(february)).toBe(33_333)
})

test('an organisation sees only its own rows', async () => {
  // Organisation 2 has no rows in 2023; organisation 1 has one won deal (903, 1000.00) there.
  const year2023 = periodContaining('2023-06-01', 'year', settings)
  const request = { scopes: { type: 'org' as const }, periods: [year2023], now, settings, groups: ['deals' as const] }
  const mine = (await loadAggregates(db.pool, { organizationId: ORG, ...request }))[0]![0]!
  const theirs = (await loadAggregates(db.pool, { organizationId: 2, ...request }))[0]![0]!
  expect(mine.deals!.wonAmountCents).toBe(100_000)
  expect(theirs.deals!.wonAmountCents).toBe(0)
})
