/**
 * dashboard() end to end on the generated fixture (./testing/fixture.ts): every KPI card's value, its
 * like-for-like previous and last-year values and its 12 trend values equal the domain's KPIs computed from
 * the in-memory reference aggregates of the same rows, for every scope type and period type, in a running
 * period and in finished ones.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { likeForLike } from '@kpi/domain/comparisons'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { computeKpi } from '@kpi/domain/kpis/registry'
import {
  periodContaining,
  previousPeriod,
  samePeriodLastYear,
  trendPeriods,
  type Period,
  type PeriodType,
} from '@kpi/domain/periods'
import { aggregateAll } from '@kpi/domain/reference/aggregate-rows'
import { printScope, type Scope } from '@kpi/domain/scope'
import { valueOrNull } from '@kpi/domain/value'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dashboard } from './dashboard.ts'
import { DashboardSchema } from '@kpi/contract/dashboard'
import { closeEnough } from './testing/compare.ts'
import { buildFixture, ORG, TEAM_NORTH } from './testing/fixture.ts'
import { insertFixture } from './testing/insert-fixture.ts'

const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
const now = '2026-02-14T09:30:00.000Z'
const fixture = buildFixture()

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await insertFixture(db.pool, fixture)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

// The reference is deliberately naive (a pass over all rows per figure), so each span is computed once.
const memo = new Map<string, ReturnType<typeof aggregateAll>>()
const reference = (scope: Scope, period: Period) => {
  const key = `${printScope(scope)} ${period.type} ${period.start} ${period.end}`
  let found = memo.get(key)
  if (!found) memo.set(key, (found = aggregateAll(fixture.data, scope, period, { now, settings })))
  return found
}

const cases: { scope: Scope; periodType: PeriodType; date: string }[] = [
  { scope: { type: 'org' }, periodType: 'month', date: '2026-02-10' }, // running
  { scope: { type: 'team', id: TEAM_NORTH }, periodType: 'month', date: '2025-10-10' }, // DST month, finished
  { scope: { type: 'rep', id: 2 }, periodType: 'week', date: '2026-02-12' }, // running week
  { scope: { type: 'customer', id: 3 }, periodType: 'quarter', date: '2025-11-01' },
  { scope: { type: 'team', id: 2 }, periodType: 'year', date: '2025-06-01' },
]

describe.each(cases.map((c) => ({ ...c, name: `${printScope(c.scope)} ${c.periodType} ${c.date}` })))(
  '$name',
  ({ scope, periodType, date }) => {
    test('every card equals the domain computed from the reference rows', async () => {
      const d = await dashboard(db, { organizationId: ORG, scope, periodType, date, now })
      expect(DashboardSchema.parse(d)).toEqual(d)
      const period = periodContaining(date, periodType, settings)
      const lfl = likeForLike(period, now, settings)
      const previous = { ...lfl.previous, type: periodType, label: previousPeriod(period, settings).label }
      const lastYear = { ...lfl.lastYear, type: periodType, label: samePeriodLastYear(period, settings).label }
      const trend = trendPeriods(period, 12, settings)
      const cards = d.focusAreas.flatMap((a) => a.kpis)
      expect(cards.length).toBeGreaterThan(0)
      for (const card of cards) {
        const key = card.key as KpiKey
        const at = (p: Period, extra = {}) => computeKpi(key, scope, reference(scope, p), { period: p, ...extra })
        const context = { previous: reference(scope, previous), lastYear: reference(scope, lastYear) }
        closeEnough(card.value, at(period, context), `${key} value`)
        closeEnough(card.previous.value, at(previous), `${key} previous`)
        closeEnough(card.lastYear.value, at(lastYear), `${key} last year`)
        const trendValues = trend.map((p, i) =>
          i === 11
            ? valueOrNull(at(p, context))
            : valueOrNull(at(p, i > 0 ? { previous: reference(scope, trend[i - 1]!) } : {})),
        )
        closeEnough(
          card.trend.map((t) => t.value),
          trendValues,
          `${key} trend`,
        )
      }
    })
  },
)
