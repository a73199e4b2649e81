import { expect, test } from 'vitest'
import { trendPoints } from './trend-points.ts'

// A monthly trend as the API sends it (labels are language-neutral); the values are carried over untouched.
const monthly = {
  period: { type: 'month' },
  kpi: {
    trend: [
      { label: '2026-01', value: 170_000, target: 185_000 },
      { label: '2026-02', value: null, target: 185_000 },
      { label: '2026-03', value: 201_500, target: null },
    ],
  },
}

test('the trend points carry the period in words for the locale, values and targets as sent', () => {
  expect(trendPoints(monthly, 'en')).toEqual([
    { label: 'Jan 2026', actual: 170_000, target: 185_000 },
    { label: 'Feb 2026', actual: null, target: 185_000 },
    { label: 'Mar 2026', actual: 201_500, target: null },
  ])
  expect(trendPoints(monthly, 'nl').map((p) => p.label)).toEqual(['jan 2026', 'feb 2026', 'mrt 2026'])
})

test('weekly and quarterly trends', () => {
  const weekly = { period: { type: 'week' }, kpi: { trend: [{ label: '2026-W09', value: 4, target: 5 }] } }
  expect(trendPoints(weekly, 'en')[0]!.label).toBe('Week 9, 2026')
  expect(trendPoints(weekly, 'nl')[0]!.label).toBe('week 9 2026')
  const quarterly = { period: { type: 'quarter' }, kpi: { trend: [{ label: '2026-Q1', value: 4, target: 5 }] } }
  expect(trendPoints(quarterly, 'en')[0]!.label).toBe('Q1 2026')
  expect(trendPoints(quarterly, 'nl')[0]!.label).toBe('K1 2026')
})
