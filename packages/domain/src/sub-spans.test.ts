import { describe, expect, test } from 'vitest'
import { periodContaining, type PeriodSettings } from './periods.ts'
import { runningParts } from './sub-spans.ts'

const amsterdam: PeriodSettings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }

describe('runningParts', () => {
  test('a running year: its finished months, this month’s finished days, then today to the year’s end', () => {
    const year = periodContaining('2026-03-29', 'year', amsterdam)
    // 29 March 2026, 10:00 in Amsterdam (summer time since 02:00 that night).
    const parts = runningParts(year, '2026-03-29T08:00:00.000Z', amsterdam)!
    expect(parts.map((p) => `${p.type} ${p.startDate}…${p.endDate}`)).toEqual([
      'month 2026-01-01…2026-02-01',
      'month 2026-02-01…2026-03-01',
      ...Array.from({ length: 28 }, (_, i) => {
        const d = (n: number) => `2026-03-${String(n).padStart(2, '0')}`
        return `day ${d(i + 1)}…${d(i + 2)}`
      }),
      'year 2026-03-29…2027-01-01',
    ])
    // Contiguous, exactly the year, in instants too (the DST night's day is 23 hours).
    expect(parts[0]!.start).toBe(year.start)
    expect(parts.at(-1)!.end).toBe(year.end)
    for (let i = 1; i < parts.length; i++) expect(parts[i]!.start).toBe(parts[i - 1]!.end)
    expect(parts.at(-2)!).toMatchObject({ start: '2026-03-27T23:00:00.000Z', end: '2026-03-28T23:00:00.000Z' })
    expect(parts.at(-1)!.start).toBe('2026-03-28T23:00:00.000Z')
  })

  test('a fiscal quarter (April–June), a week; nothing to split on a period’s first day, a day, a finished period', () => {
    const fiscal: PeriodSettings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 4 }
    const quarter = periodContaining('2026-05-03', 'quarter', fiscal)
    const parts = runningParts(quarter, '2026-05-03T12:00:00.000Z', fiscal)!
    expect(parts.map((p) => `${p.type} ${p.startDate}`)).toEqual([
      'month 2026-04-01',
      'day 2026-05-01',
      'day 2026-05-02',
      'quarter 2026-05-03',
    ])
    const week = periodContaining('2026-12-03', 'week', amsterdam) // Monday 30 November
    expect(runningParts(week, '2026-12-03T09:00:00.000Z', amsterdam)!.map((p) => p.startDate)).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ])
    expect(runningParts(week, '2026-11-30T09:00:00.000Z', amsterdam)).toBeNull()
    expect(
      runningParts(periodContaining('2026-12-03', 'day', amsterdam), '2026-12-03T09:00:00.000Z', amsterdam),
    ).toBeNull()
    expect(runningParts(week, '2026-12-07T09:00:00.000Z', amsterdam)).toBeNull()
  })
})
