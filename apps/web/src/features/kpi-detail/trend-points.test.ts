import { expect, test } from 'vitest'
import { trendPoints, trendSeries } from './trend-points.ts'

const finished = { running: false, throughDate: null, targetToDate: null }
const point = (label: string, value: number | null, target: number | null) => ({ label, value, target, ...finished })
const plain = { soFar: null, targetToDate: null, running: false, through: null }

// A monthly trend as the API sends it (labels are language-neutral); the values are carried over untouched.
const monthly = {
  period: { type: 'month' },
  kpi: {
    trend: [point('2026-01', 170_000, 185_000), point('2026-02', null, 185_000), point('2026-03', 201_500, null)],
  },
}

test('the trend points carry the period in words for the locale, values and targets as sent', () => {
  expect(trendPoints(monthly, 'en')).toEqual([
    { label: 'Jan 2026', value: 170_000, actual: 170_000, target: 185_000, ...plain },
    { label: 'Feb 2026', value: null, actual: null, target: 185_000, ...plain },
    { label: 'Mar 2026', value: 201_500, actual: 201_500, target: null, ...plain },
  ])
  expect(trendPoints(monthly, 'nl').map((p) => p.label)).toEqual(['jan 2026', 'feb 2026', 'mrt 2026'])
})

test('weekly and quarterly trends', () => {
  const weekly = { period: { type: 'week' }, kpi: { trend: [point('2026-W09', 4, 5)] } }
  expect(trendPoints(weekly, 'en')[0]!.label).toBe('Week 9, 2026')
  expect(trendPoints(weekly, 'nl')[0]!.label).toBe('week 9 2026')
  const quarterly = { period: { type: 'quarter' }, kpi: { trend: [point('2026-Q1', 4, 5)] } }
  expect(trendPoints(quarterly, 'en')[0]!.label).toBe('Q1 2026')
  expect(trendPoints(quarterly, 'nl')[0]!.label).toBe('K1 2026')
})

// December 2026 seen on Friday 4 December: 12 000 won so far; 30 000 for the month, 12 000 pro-rated to the 4th
// (4 of 22 working days… as the API computed it; the chart only carries it).
const running = {
  period: { type: 'month' },
  kpi: {
    trend: [
      point('2026-10', 28_000, 30_000),
      point('2026-11', 31_000, 30_000),
      {
        label: '2026-12',
        value: 12_000,
        target: 30_000,
        running: true,
        throughDate: '2026-12-04',
        targetToDate: 5_454.5,
      },
    ],
  },
}

test('the running period leaves the solid line for a dashed segment from November, marked "to 4 Dec"', () => {
  const points = trendPoints(running, 'en')
  expect(points.map((p) => [p.label, p.actual, p.soFar, p.running, p.through, p.targetToDate])).toEqual([
    ['Oct 2026', 28_000, null, false, null, null],
    ['Nov 2026', 31_000, 31_000, false, null, null], // the dashed segment starts at the last finished point
    ['Dec 2026', null, 12_000, true, '4 Dec', 5_454.5],
  ])
  expect(trendPoints(running, 'nl')[2]!.through).toBe('4 dec')
  expect(trendSeries(points)).toEqual({ target: true, soFar: true, targetToDate: true })
})

test('the legend names "Target" only when some period has one', () => {
  const noTargets = {
    period: { type: 'month' },
    kpi: { trend: [point('2026-10', 3, null), point('2026-11', 4, null)] },
  }
  expect(trendSeries(trendPoints(noTargets, 'en'))).toEqual({ target: false, soFar: false, targetToDate: false })
})
