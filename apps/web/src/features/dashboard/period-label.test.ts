import { describe, expect, test } from 'vitest'
import { periodLabel } from './period-label.ts'

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
})
