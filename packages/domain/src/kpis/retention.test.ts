import { describe, expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import {
  churnRate,
  customerCsat,
  customerLifetimeValue,
  customerNps,
  expansionRevenue,
  netRevenueRetention,
  retentionRate,
} from './retention.ts'
import { aggregates, context } from './test-helpers.ts'

describe('customers.churn_rate', () => {
  test('overall with the ICP-only variant beside it', () => {
    // 3 of 120 = 2.5 %; ICP: 1 of 50 = 2 %
    const a = aggregates({ customers: { activeAtStart: 120, churned: 3, activeAtStartIcp: 50, churnedIcp: 1 } })
    expect(churnRate.compute(a, context())).toEqual(someValue(2.5, [{ key: 'icp', value: someValue(2) }]))
  })
  test('empty period: no customers at the start → no value, for both', () => {
    expect(churnRate.compute(aggregates(), context())).toEqual(
      noValue('zero-denominator', [{ key: 'icp', value: noValue('zero-denominator') }]),
    )
  })
  test('customers but no ICP customers: overall 0 %, ICP no value', () => {
    expect(churnRate.compute(aggregates({ customers: { activeAtStart: 10 } }), context())).toEqual(
      someValue(0, [{ key: 'icp', value: noValue('zero-denominator') }]),
    )
  })
})

test.each([
  // start 100, end 104, of which 10 new: (104 − 10) ÷ 100 = 94 %
  { start: 100, end: 104, newAtEnd: 10, expected: someValue(94) },
  { start: 0, end: 5, newAtEnd: 5, expected: noValue('zero-denominator') }, // first customers ever
  { start: 0, end: 0, newAtEnd: 0, expected: noValue('zero-denominator') }, // empty
])('customers.retention_rate start $start end $end new $newAtEnd', ({ start, end, newAtEnd, expected }) => {
  const a = aggregates({ customers: { activeAtStart: start, activeAtEnd: end, newActiveAtEnd: newAtEnd } })
  expect(retentionRate.compute(a, context())).toEqual(expected)
})

test.each([
  // cohort earned 11 000 now vs 10 000 before: 110 %
  { now: 1_100_000, before: 1_000_000, expected: someValue(110) },
  { now: 0, before: 1_000_000, expected: someValue(0) }, // all revenue lost
  { now: 500_000, before: 0, expected: noValue('zero-denominator') },
  { now: 0, before: 0, expected: noValue('zero-denominator') }, // empty
])('revenue.nrr $now vs $before', ({ now, before, expected }) => {
  const a = aggregates({ cohort: { revenueCents: now, previousRevenueCents: before } })
  expect(netRevenueRetention.compute(a, context())).toEqual(expected)
})

test('revenue.expansion: upsell + cross-sell from existing customers; 0 when empty', () => {
  // 2 500.50 upsell + 1 000.25 cross-sell = 3 500.75
  expect(expansionRevenue.compute(aggregates({ deals: { expansionAmountCents: 350_075 } }), context())).toEqual(
    someValue(3500.75),
  )
  expect(expansionRevenue.compute(aggregates(), context())).toEqual(someValue(0))
})

describe('customers.clv', () => {
  test('margin per customer × lifetime from the annual churn', () => {
    // margin 600 000 over 50 customers = 12 000 a year each; churn 10 of 40 = 25 % → 4 years → 48 000
    const a = aggregates({
      lifetime: { marginCents: 60_000_000, activeAtEnd: 50, activeAtWindowStart: 40, churnedInWindow: 10 },
    })
    expect(customerLifetimeValue.compute(a, context())).toEqual(someValue(48_000))
  })
  test('lifetime capped at 10 years (no churn, or churn below 10 %)', () => {
    // 12 000 × 10 = 120 000; churn 1 of 40 = 2.5 % → 40 years → capped at 10
    const base = { marginCents: 60_000_000, activeAtEnd: 50, activeAtWindowStart: 40 }
    expect(customerLifetimeValue.compute(aggregates({ lifetime: { ...base, churnedInWindow: 0 } }), context())).toEqual(
      someValue(120_000),
    )
    expect(customerLifetimeValue.compute(aggregates({ lifetime: { ...base, churnedInWindow: 1 } }), context())).toEqual(
      someValue(120_000),
    )
    // exactly 10 % churn: 4 of 40 → 10 years
    expect(customerLifetimeValue.compute(aggregates({ lifetime: { ...base, churnedInWindow: 4 } }), context())).toEqual(
      someValue(120_000),
    )
  })
  test('zero denominators: no active customers, or no churn history', () => {
    expect(customerLifetimeValue.compute(aggregates(), context())).toEqual(noValue('zero-denominator'))
    const a = aggregates({ lifetime: { marginCents: 100_000, activeAtEnd: 5, activeAtWindowStart: 0 } })
    expect(customerLifetimeValue.compute(a, context())).toEqual(noValue('zero-denominator'))
  })
})

test.each([
  // 6 promoters, 2 detractors of 10: 60 % − 20 % = 40
  { responses: 10, promoters: 6, detractors: 2, expected: someValue(40) },
  { responses: 4, promoters: 0, detractors: 4, expected: someValue(-100) },
  { responses: 0, promoters: 0, detractors: 0, expected: noValue('zero-denominator') },
])('customers.nps $promoters/$detractors of $responses', ({ responses, promoters, detractors, expected }) => {
  const a = aggregates({ surveys: { npsResponses: responses, npsPromoters: promoters, npsDetractors: detractors } })
  expect(customerNps.compute(a, context())).toEqual(expected)
})

test.each([
  { responses: 8, satisfied: 7, expected: someValue(87.5) }, // 7 ÷ 8
  { responses: 0, satisfied: 0, expected: noValue('zero-denominator') },
])('customers.csat $satisfied of $responses', ({ responses, satisfied, expected }) => {
  const a = aggregates({ surveys: { csatResponses: responses, csatSatisfied: satisfied } })
  expect(customerCsat.compute(a, context())).toEqual(expected)
})
