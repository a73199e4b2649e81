import { expect, test } from 'vitest'
import { evaluateKpi } from './evaluate.ts'
import { aggregates, context } from './kpis/test-helpers.ts'
import { splitTeamTarget } from './targets.ts'
import type { ThresholdSetting } from './thresholds.ts'

const april = { total: 19, elapsed: 4, remaining: 16 }
const threshold: ThresholdSetting = {
  mode: 'relative',
  greenFrom: 100,
  orangeFrom: 80,
  actions: { green: [], orange: ['Call three dormant leads'], red: ['Pair with a senior rep'] },
}

test('calls: 36 against 40 pro-rated (190 × 4 ÷ 19) is 90 % → orange with its action', () => {
  const e = evaluateKpi({
    key: 'activity.calls',
    scope: { type: 'rep', id: 7 },
    aggregates: aggregates({ activities: { calls: 36 } }),
    context: context(),
    fullTarget: 190,
    progress: april,
    threshold,
  })
  expect(e.status).toBe('orange')
  expect(e.actions).toEqual(['Call three dormant leads'])
  expect(e.target).toMatchObject({ comparisonTarget: 40, attainmentPercent: 90 })
})

test('revenue.won gets the pipeline forecast: 40 000 won + 25 000 weighted closing', () => {
  const e = evaluateKpi({
    key: 'revenue.won',
    scope: { type: 'org' },
    aggregates: aggregates({
      deals: { wonAmountCents: 4_000_000 },
      pipeline: { weightedClosingInPeriodCents: 2_500_000 },
    }),
    context: context(),
    fullTarget: 100_000,
    progress: april,
    threshold,
  })
  expect(e.target?.pipelineForecast).toBe(65_000)
  // pro-rated 100 000 × 4 ÷ 19 = 21 052.63; 40 000 is far ahead → green
  expect(e.status).toBe('green')
})

test('no value → no-data and no target progress; no target → no-target', () => {
  const none = evaluateKpi({
    key: 'deals.win_rate',
    scope: { type: 'org' },
    aggregates: aggregates(),
    context: context(),
    fullTarget: 30,
    progress: april,
    threshold,
  })
  expect(none).toMatchObject({ status: 'no-data', target: null })
  const noTarget = evaluateKpi({
    key: 'deals.win_rate',
    scope: { type: 'org' },
    aggregates: aggregates({ deals: { won: 1, lost: 1 } }),
    context: context(),
    fullTarget: null,
    progress: april,
    threshold,
  })
  expect(noTarget).toMatchObject({ status: 'no-target', target: null })
})

test('a team target split per rep: sums divide, rates copy', () => {
  expect(splitTeamTarget(120, 4, 'sum')).toBe(30) // 120 ÷ 4
  expect(splitTeamTarget(40, 4, 'level')).toBe(40)
  expect(splitTeamTarget(120, 0, 'sum')).toBeNull()
})

test('a period that has not started → not-started, no action points, even with nothing won against a target', () => {
  // January 2027 seen in December 2026: 0 won against a 100 000 target would be red with its action points.
  const e = evaluateKpi({
    key: 'revenue.won',
    scope: { type: 'org' },
    aggregates: aggregates({ deals: { wonAmountCents: 0 } }),
    context: context(),
    fullTarget: 100_000,
    progress: { total: 20, elapsed: 0, remaining: 20 },
    threshold,
    started: false,
  })
  expect(e).toMatchObject({ status: 'not-started', actions: [] })
  const started = evaluateKpi({
    key: 'revenue.won',
    scope: { type: 'org' },
    aggregates: aggregates({ deals: { wonAmountCents: 0 } }),
    context: context(),
    fullTarget: 100_000,
    progress: april,
    threshold,
  })
  expect(started).toMatchObject({ status: 'red', actions: ['Pair with a senior rep'] })
})
