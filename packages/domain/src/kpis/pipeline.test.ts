import { expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import { pipelineCoverage, pipelineValue } from './pipeline.ts'
import { aggregates, context } from './test-helpers.ts'

test('pipeline.value: open amount with the weighted value beside it', () => {
  // open: 10 000 at 50 % and 4 000 at 25 % → 14 000 open, 5 000 + 1 000 = 6 000 weighted
  const a = aggregates({ pipeline: { open: 2, openAmountCents: 1_400_000, openWeightedAmountCents: 600_000 } })
  expect(pipelineValue.compute(a, context())).toEqual(someValue(14_000, [{ key: 'weighted', value: someValue(6000) }]))
})

test('pipeline.value: empty pipeline is 0', () => {
  expect(pipelineValue.compute(aggregates(), context())).toEqual(
    someValue(0, [{ key: 'weighted', value: someValue(0) }]),
  )
})

test('pipeline.coverage: weighted closing ÷ revenue still missing', () => {
  // target 50 000, won 20 000 → missing 30 000; weighted closing 45 000 → 45 000 ÷ 30 000 = 1.5×
  const a = aggregates({ deals: { wonAmountCents: 2_000_000 }, pipeline: { weightedClosingInPeriodCents: 4_500_000 } })
  expect(pipelineCoverage.compute(a, context({ targets: { 'revenue.won': 50_000 } }))).toEqual(someValue(1.5))
})

test('pipeline.coverage: empty period with a target is 0× (nothing in the pipeline)', () => {
  expect(pipelineCoverage.compute(aggregates(), context({ targets: { 'revenue.won': 50_000 } }))).toEqual(someValue(0))
})

test('pipeline.coverage: no target, or the target already met (zero missing revenue)', () => {
  const a = aggregates({ deals: { wonAmountCents: 5_000_010 } })
  expect(pipelineCoverage.compute(a, context())).toEqual(noValue('no-target'))
  // won 50 000.10 against 50 000.10: missing 0 → no ratio
  expect(pipelineCoverage.compute(a, context({ targets: { 'revenue.won': 50_000.1 } }))).toEqual(noValue('target-met'))
})
