import { describe, expect, test } from 'vitest'
import { changedRows, gridPeriods } from './target-grid.ts'
import type { Edit } from './target-grid.ts'
import type { Target } from '@kpi/contract/targets'

const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 4 }

describe('gridPeriods', () => {
  test('months from the one containing the date', () => {
    expect(gridPeriods('2026-11-25', 'month', 3, settings, 'en').map((p) => p.start)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01', // across the year end
    ])
  })
  test('columns are labelled in words for the locale', () => {
    expect(gridPeriods('2026-11-25', 'month', 3, settings, 'en').map((p) => p.label)).toEqual([
      'Nov 2026',
      'Dec 2026',
      'Jan 2027',
    ])
    expect(gridPeriods('2026-11-25', 'month', 3, settings, 'nl').map((p) => p.label)).toEqual([
      'nov 2026',
      'dec 2026',
      'jan 2027',
    ])
    // ISO week 9 of 2026 is Mon 23 Feb – Sun 1 Mar
    expect(gridPeriods('2026-02-25', 'week', 2, settings, 'en').map((p) => p.label)).toEqual([
      'Week 9, 2026',
      'Week 10, 2026',
    ])
    expect(gridPeriods('2026-02-25', 'week', 2, settings, 'nl').map((p) => p.label)).toEqual([
      'week 9 2026',
      'week 10 2026',
    ])
    // the fiscal year starts in April, so Oct–Dec 2026 is the third quarter of FY2026/27
    expect(gridPeriods('2026-11-25', 'quarter', 2, settings, 'en').map((p) => p.label)).toEqual([
      'Q3 FY2026/27',
      'Q4 FY2026/27',
    ])
    expect(gridPeriods('2026-11-25', 'quarter', 1, settings, 'nl').map((p) => p.label)).toEqual(['K3 FY2026/27'])
  })
  test('fiscal quarters with a year starting in April: 25 Nov is in Oct–Dec', () => {
    expect(gridPeriods('2026-11-25', 'quarter', 2, settings, 'en').map((p) => p.start)).toEqual([
      '2026-10-01',
      '2027-01-01',
    ])
  })
})

describe('changedRows', () => {
  const stored = new Map<string, Target>([
    [
      'team:1|2026-11-01',
      {
        id: 1,
        kpiKey: 'revenue.won',
        scope: 'team:1',
        periodType: 'month',
        periodStart: '2026-11-01',
        value: 100,
        version: 3,
      },
    ],
  ])
  const edits = new Map<string, Edit>([
    ['team:1|2026-11-01', { text: '120', version: 3 }], // changed: sent with the version it was based on
    ['rep:7|2026-11-01', { text: '40,5', version: undefined }], // new, decimal comma: created without a version
    ['rep:8|2026-11-01', { text: '', version: undefined }], // empty: skipped
    ['rep:9|2026-11-01', { text: '-1', version: undefined }], // negative: invalid
  ])
  test('only changed, valid cells are sent; invalid ones are named', () => {
    const { rows, invalid } = changedRows({ edits, stored, kpiKey: 'revenue.won', periodType: 'month' })
    expect(rows).toEqual([
      {
        kpiKey: 'revenue.won',
        scope: 'team:1',
        periodType: 'month',
        periodStart: '2026-11-01',
        value: 120,
        version: 3,
      },
      { kpiKey: 'revenue.won', scope: 'rep:7', periodType: 'month', periodStart: '2026-11-01', value: 40.5 },
    ])
    expect(invalid).toEqual(['rep:9|2026-11-01'])
  })
  test('a cell typed back to its stored value is not sent', () => {
    const same = new Map<string, Edit>([['team:1|2026-11-01', { text: '100', version: 3 }]])
    expect(changedRows({ edits: same, stored, kpiKey: 'revenue.won', periodType: 'month' }).rows).toEqual([])
  })
})
