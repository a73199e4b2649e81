import { describe, expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import { costPerQualifiedLead, customerAcquisitionCost, labourRatio } from './efficiency.ts'
import { aggregates, context } from './test-helpers.ts'

test.each([
  // (300 000 − 60 000) ÷ 120 000 = 2.0
  { revenue: 30_000_000, fixed: 6_000_000, personnel: 12_000_000, expected: someValue(2) },
  // does not earn itself back: (50 000 − 60 000) ÷ 100 000 = −0.1
  { revenue: 5_000_000, fixed: 6_000_000, personnel: 10_000_000, expected: someValue(-0.1) },
  { revenue: 0, fixed: 0, personnel: 0, expected: noValue('zero-denominator') }, // empty window
])(
  'efficiency.labour_ratio revenue $revenue fixed $fixed personnel $personnel',
  ({ revenue, fixed, personnel, expected }) => {
    const a = aggregates({
      efficiency: { newRevenueCents: revenue, fixedCostsCents: fixed, personnelCostsCents: personnel },
    })
    expect(labourRatio.compute(a, context())).toEqual(expected)
  },
)

describe('efficiency.cac', () => {
  test('(sales + marketing) ÷ new customers', () => {
    // (8 000 + 4 000.50) ÷ 4 = 3 000.125
    const a = aggregates({ costs: { salesCents: 800_000, marketingCents: 400_050 }, deals: { newCustomers: 4 } })
    expect(customerAcquisitionCost.compute(a, context())).toEqual(someValue(3000.125))
  })
  test('no new customers → no value; empty period too', () => {
    const a = aggregates({ costs: { salesCents: 800_000 } })
    expect(customerAcquisitionCost.compute(a, context())).toEqual(noValue('zero-denominator'))
    expect(customerAcquisitionCost.compute(aggregates(), context())).toEqual(noValue('zero-denominator'))
  })
  test('weeks and days: costs are monthly', () => {
    const a = aggregates({ costs: { salesCents: 800_000 }, deals: { newCustomers: 4 } })
    expect(customerAcquisitionCost.compute(a, context({}, 'week'))).toEqual(noValue('period-too-short'))
    expect(customerAcquisitionCost.compute(a, context({}, 'quarter'))).toEqual(someValue(2000))
  })
})

describe('efficiency.cost_per_qualified_lead', () => {
  test('marketing ÷ qualified leads', () => {
    // 4 500.00 ÷ 12 = 375
    const a = aggregates({ costs: { marketingCents: 450_000 }, leads: { qualified: 12 } })
    expect(costPerQualifiedLead.compute(a, context())).toEqual(someValue(375))
  })
  test('no qualified leads → no value; empty period too; days are too short', () => {
    expect(costPerQualifiedLead.compute(aggregates({ costs: { marketingCents: 1 } }), context())).toEqual(
      noValue('zero-denominator'),
    )
    expect(costPerQualifiedLead.compute(aggregates(), context())).toEqual(noValue('zero-denominator'))
    expect(costPerQualifiedLead.compute(aggregates({ leads: { qualified: 2 } }), context({}, 'day'))).toEqual(
      noValue('period-too-short'),
    )
  })
})
