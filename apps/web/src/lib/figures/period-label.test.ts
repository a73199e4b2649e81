import { describe, expect, test } from 'vitest'
import { periodLabel, shortPeriodLabel } from './period-label.ts'

describe('periodLabel', () => {
  test('month, quarter, year and week in English and Dutch', () => {
    const month = { type: 'month', startDate: '2026-11-01', label: '2026-11' }
    expect(periodLabel(month, 'en')).toBe('November 2026')
    expect(periodLabel(month, 'nl')).toBe('november 2026')
    // 1 Oct is in the fourth quarter: floor((10 − 1) / 3) + 1 = 4
    expect(periodLabel({ type: 'quarter', startDate: '2026-10-01', label: '2026-10' }, 'en')).toBe('Q4 2026')
    expect(periodLabel({ type: 'year', startDate: '2026-01-01', label: '2026' }, 'nl')).toBe('2026')
    expect(periodLabel({ type: 'week', startDate: '2026-11-23', label: '2026-W48' }, 'en')).toBe('week of 23 Nov 2026')
  })

  test("the API's quarter labels are put in words, fiscal ones keep their year name", () => {
    const q4 = { type: 'quarter', startDate: '2026-10-01', label: '2026-Q4' }
    expect(periodLabel(q4, 'en')).toBe('Q4 2026')
    expect(periodLabel(q4, 'nl')).toBe('K4 2026')
    const fiscal = { type: 'quarter', startDate: '2026-04-01', label: 'FY2026/27 Q1' }
    expect(periodLabel(fiscal, 'en')).toBe('Q1 FY2026/27')
    expect(periodLabel({ type: 'year', startDate: '2025-04-01', label: 'FY2025/26' }, 'en')).toBe('FY2025/26')
  })
})

describe('shortPeriodLabel', () => {
  test.each([
    { type: 'month', label: '2026-03', en: 'Mar 2026', nl: 'mrt 2026' },
    { type: 'month', label: '2026-09', en: 'Sept 2026', nl: 'sep 2026' },
    { type: 'week', label: '2026-W09', en: 'Week 9, 2026', nl: 'week 9 2026' },
    { type: 'week', label: '2026-W53', en: 'Week 53, 2026', nl: 'week 53 2026' },
    { type: 'quarter', label: '2026-Q1', en: 'Q1 2026', nl: 'K1 2026' },
    { type: 'quarter', label: 'FY2026/27 Q3', en: 'Q3 FY2026/27', nl: 'K3 FY2026/27' },
    { type: 'year', label: '2026', en: '2026', nl: '2026' },
    { type: 'year', label: 'FY2025/26', en: 'FY2025/26', nl: 'FY2025/26' },
    { type: 'day', label: '2026-03-15', en: '15/03/2026', nl: '15-03-2026' },
  ])('$type $label → "$en" / "$nl"', ({ type, label, en, nl }) => {
    expect(shortPeriodLabel({ type, label }, 'en')).toBe(en)
    expect(shortPeriodLabel({ type, label }, 'nl')).toBe(nl)
  })

  test('a label of an unexpected shape is shown as it came', () => {
    expect(shortPeriodLabel({ type: 'month', label: 'March' }, 'en')).toBe('March')
    expect(shortPeriodLabel({ type: 'week', label: '2026-09' }, 'nl')).toBe('2026-09')
  })
})
