import { expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import { calls, meetings, proposals, responseHours } from './activity.ts'
import { aggregates, context } from './test-helpers.ts'

test.each([
  { kpi: calls, field: 'calls' },
  { kpi: meetings, field: 'meetings' },
  { kpi: proposals, field: 'proposals' },
] as const)('$kpi.key counts its activity type; an empty period is a real 0', ({ kpi, field }) => {
  const a = aggregates({ activities: { calls: 12, meetings: 5, proposals: 3, emails: 40 } })
  const expected = { calls: 12, meetings: 5, proposals: 3 }[field]
  expect(kpi.compute(a, context())).toEqual(someValue(expected))
  // Counts have no denominator: nothing logged is 0 calls, not missing data.
  expect(kpi.compute(aggregates(), context())).toEqual(someValue(0))
})

test('response hours is the median computed by the aggregate', () => {
  // median of 1, 3, 8, 30 hours = (3 + 8) ÷ 2 = 5.5
  expect(responseHours.compute(aggregates({ leads: { responded: 4, medianResponseHours: 5.5 } }), context())).toEqual(
    someValue(5.5),
  )
})

test('response hours has no value when no lead of the period was followed up (empty period)', () => {
  expect(responseHours.compute(aggregates(), context())).toEqual(noValue('no-data'))
  // 7 leads created, none contacted yet: still no median
  expect(responseHours.compute(aggregates({ leads: { created: 7 } }), context())).toEqual(noValue('no-data'))
})
