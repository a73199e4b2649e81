import { describe, expect, test } from 'vitest'
import { changedRows, gridPeriods } from './target-grid.ts'
import type { Edit } from './target-grid.ts'
import type { Target } from './targets.schema.ts'

const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 4 }

describe('gridPeriods', () => {
  test('months from the one containing the date', () => {
    expect(gridPeriods('2026-11-25', 'month', 3, settings).map((p) => p.start)).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01', // across the year end
    ])
  })
  test('fiscal quarters with a year starting in April: 25 Nov is in Oct–Dec', () => {
    expect(gridPeriods('2026-11-25', 'quarter', 2, settings).map((p) => p.start)).toEqual(['2026-10-01', '2027-01-01'])
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
