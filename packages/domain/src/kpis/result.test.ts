import { describe, expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import {
  avgDealSize,
  cycleDays,
  marginPct,
  newCustomers,
  revenueGrowth,
  revenueSplit,
  winRate,
  wonRevenue,
} from './result.ts'
import { aggregates, context } from './test-helpers.ts'

describe('revenue.won', () => {
  test('exact cents become currency units', () => {
    // 1 250.10 + 3 000.20 + 0.70 = 4 251.00 → 425 100 cents
    expect(wonRevenue.compute(aggregates({ deals: { won: 3, wonAmountCents: 425_100 } }), context())).toEqual(
      someValue(4251),
    )
  })
  test('empty period: 0 won (a real value)', () => {
    expect(wonRevenue.compute(aggregates(), context())).toEqual(someValue(0))
  })
})

describe('revenue.growth', () => {
  const now = aggregates({ deals: { wonAmountCents: 1_200_000 } }) // 12 000
  test('vs previous period, same period last year and year-to-date', () => {
    const ctx = context({
      previous: aggregates({ deals: { wonAmountCents: 1_000_000 } }), // 10 000
      lastYear: aggregates({ deals: { wonAmountCents: 1_500_000 } }), // 15 000
      yearToDate: aggregates({ deals: { wonAmountCents: 3_300_000 } }), // 33 000
      lastYearToDate: aggregates({ deals: { wonAmountCents: 3_000_000 } }), // 30 000
    })
    expect(revenueGrowth.compute(now, ctx)).toEqual(
      someValue(20, [
        // (12 000 − 10 000) ÷ 10 000 = +20 %
        { key: 'vs-last-year', value: someValue(-20) }, // (12 000 − 15 000) ÷ 15 000 = −20 %
        { key: 'ytd-vs-last-ytd', value: someValue(10) }, // (33 000 − 30 000) ÷ 30 000 = +10 %
      ]),
    )
  })
  test('zero denominator: nothing won in the previous period', () => {
    const v = revenueGrowth.compute(now, context({ previous: aggregates() }))
    expect(v).toMatchObject(noValue('zero-denominator'))
  })
  test('empty period against an empty previous period: no value; against 10 000: −100 %', () => {
    expect(revenueGrowth.compute(aggregates(), context({ previous: aggregates() }))).toMatchObject({
      kind: 'none',
      reason: 'zero-denominator',
    })
    const v = revenueGrowth.compute(
      aggregates(),
      context({ previous: aggregates({ deals: { wonAmountCents: 1_000_000 } }) }),
    )
    expect(v).toMatchObject({ kind: 'value', value: -100 })
  })
})

describe('revenue.split', () => {
  test('total with the amount per deal type', () => {
    const a = aggregates({
      deals: {
        wonAmountCents: 1_000_000,
        wonAmountCentsByType: { new_business: 600_000, upsell: 250_000, cross_sell: 100_000, renewal: 50_000 },
      },
    })
    // 6 000 + 2 500 + 1 000 + 500 = 10 000
    expect(revenueSplit.compute(a, context())).toEqual(
      someValue(10_000, [
        { key: 'type:new_business', value: someValue(6000) },
        { key: 'type:upsell', value: someValue(2500) },
        { key: 'type:cross_sell', value: someValue(1000) },
        { key: 'type:renewal', value: someValue(500) },
      ]),
    )
  })
  test('empty period: all zero', () => {
    const v = revenueSplit.compute(aggregates(), context())
    expect(v).toMatchObject({ kind: 'value', value: 0 })
    expect(v.details?.every((d) => d.value.kind === 'value' && d.value.value === 0)).toBe(true)
  })
})

test.each([
  { won: 3, lost: 1, expected: someValue(75) }, // 3 ÷ (3 + 1)
  { won: 0, lost: 4, expected: someValue(0) }, // all lost: a real 0 %
  { won: 0, lost: 0, expected: noValue('zero-denominator') }, // nothing closed (empty period)
])('deals.win_rate of $won won, $lost lost', ({ won, lost, expected }) => {
  expect(winRate.compute(aggregates({ deals: { won, lost } }), context())).toEqual(expected)
})

test.each([
  { won: 4, cents: 1_000_010, expected: someValue(2500.025) }, // 10 000.10 ÷ 4
  { won: 0, cents: 0, expected: noValue('zero-denominator') },
])('deals.avg_size of $won deals', ({ won, cents, expected }) => {
  expect(avgDealSize.compute(aggregates({ deals: { won, wonAmountCents: cents } }), context())).toEqual(expected)
})

test.each([
  // 10 days and 20 days: (864 000 + 1 728 000) s ÷ 2 ÷ 86 400 = 15 days
  { won: 2, seconds: 2_592_000, expected: someValue(15) },
  { won: 0, seconds: 0, expected: noValue('zero-denominator') },
])('deals.cycle_days of $won deals', ({ won, seconds, expected }) => {
  expect(cycleDays.compute(aggregates({ deals: { won, wonCycleSecondsSum: seconds } }), context())).toEqual(expected)
})

test.each([
  // amount 10 000, cost 6 500: (10 000 − 6 500) ÷ 10 000 = 35 %
  { amount: 1_000_000, cost: 650_000, expected: someValue(35) },
  // costs above the amount: (1 000 − 1 200) ÷ 1 000 = −20 %
  { amount: 100_000, cost: 120_000, expected: someValue(-20) },
  { amount: 0, cost: 0, expected: noValue('zero-denominator') }, // nothing won (empty period)
  // won 10 000 of known cost 6 000 and 5 000 of unknown cost: (10 000 − 6 000) ÷ 10 000 = 40 %, not
  // (15 000 − 6 000) ÷ 15 000 = 60 %; the detail says one deal is left out
  {
    amount: 1_000_000,
    cost: 600_000,
    unknown: { amountCents: 500_000, deals: 1 },
    expected: someValue(40, [{ key: 'unknown-cost', value: someValue(1) }]),
  },
  // every won deal of unknown cost: no margin to speak of
  {
    amount: 0,
    cost: 0,
    unknown: { amountCents: 500_000, deals: 1 },
    expected: noValue('zero-denominator', [{ key: 'unknown-cost', value: someValue(1) }]),
  },
])('deals.margin_pct amount $amount cost $cost', ({ amount, cost, unknown, expected }) => {
  const deals = {
    wonAmountCents: amount + (unknown?.amountCents ?? 0),
    wonCostKnownAmountCents: amount,
    wonCostCents: cost,
    wonCostUnknown: unknown?.deals ?? 0,
  }
  expect(marginPct.compute(aggregates({ deals }), context())).toEqual(expected)
})

test('customers.new: count of first won deals; 0 in an empty period', () => {
  expect(newCustomers.compute(aggregates({ deals: { newCustomers: 3 } }), context())).toEqual(someValue(3))
  expect(newCustomers.compute(aggregates(), context())).toEqual(someValue(0))
})
