import { describe, expect, test } from 'vitest'
import { likeForLike } from '../comparisons.ts'
import { periodContaining, type Period } from '../periods.ts'
import { zonedInstant } from '../time-zone.ts'
import { clvWindow, costShares, efficiencyWindow, nrrWindows, proRatedCents } from './windows.ts'

const ams = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
const at = (date: string, hour: number) => zonedInstant(date, hour * 3_600_000, 'Europe/Amsterdam')
const december = periodContaining('2026-12-15', 'month', ams)
const asPeriod = (span: Period | Omit<Period, 'type' | 'label'>): Period => ({ ...span, type: 'month', label: 'x' })

describe('nrrWindows: a cut span is compared with the same elapsed span of the previous period', () => {
  test.each([
    // 1 December 08:00 CET = 07:00Z → 1 November 08:00 CET = 07:00Z
    { name: 'day 1', now: at('2026-12-01', 8), end: '2026-11-01T07:00:00.000Z', endDate: '2026-11-02' },
    // 4 December 09:00 CET → 1–4 November 09:00 CET = 08:00Z
    { name: 'day 4', now: at('2026-12-04', 9), end: '2026-11-04T08:00:00.000Z', endDate: '2026-11-05' },
    // 31 December 22:30: day offset 30 from 1 November is 1 December → capped at November's end (whole November)
    { name: 'last day', now: at('2026-12-31', 22.5), end: '2026-11-30T23:00:00.000Z', endDate: '2026-12-01' },
    // December has ended: whole vs whole
    { name: 'finished', now: at('2027-01-05', 9), end: '2026-11-30T23:00:00.000Z', endDate: '2026-12-01' },
  ])('month, $name', ({ now, end, endDate }) => {
    const w = nrrWindows(december, now, ams)
    // the cohort: acquired before 1 November 00:00 CET = 31 October 23:00Z
    expect(w.cohortBefore).toBe('2026-10-31T23:00:00.000Z')
    expect(w.previous).toMatchObject({ start: '2026-10-31T23:00:00.000Z', end, startDate: '2026-11-01', endDate })
  })

  const week = periodContaining('2026-12-01', 'week', ams) // Monday 30 November – Sunday 6 December
  test.each([
    { name: 'day 1 (Monday 10:00)', now: at('2026-11-30', 10), end: '2026-11-23T09:00:00.000Z' },
    { name: 'day 4 (Thursday 10:00)', now: at('2026-12-03', 10), end: '2026-11-26T09:00:00.000Z' },
    { name: 'last day (Sunday 22:30)', now: at('2026-12-06', 22.5), end: '2026-11-29T21:30:00.000Z' },
  ])('week, $name: the previous week from Monday 23 November to the same weekday and time', ({ now, end }) => {
    expect(nrrWindows(week, now, ams).previous).toMatchObject({ start: '2026-11-22T23:00:00.000Z', end })
  })

  test("the comparison span's own NRR: 1–4 November 09:00 against 1–4 October 09:00", () => {
    const now = at('2026-12-04', 9)
    const lastMonth = asPeriod(likeForLike(december, now, ams).previous)
    // 1 October 00:00 CEST = 30 September 22:00Z; 4 October 09:00 CEST = 07:00Z
    expect(nrrWindows(lastMonth, now, ams)).toMatchObject({
      cohortBefore: '2026-09-30T22:00:00.000Z',
      previous: { start: '2026-09-30T22:00:00.000Z', end: '2026-10-04T07:00:00.000Z' },
    })
  })

  test('a period that has not started compares nothing (no value, not a red 0 %)', () => {
    const w = nrrWindows(december, at('2026-11-20', 9), ams)
    expect(w.previous.end).toBe(w.previous.start)
  })
})

describe('clvWindow: 12 months ending where the figures end', () => {
  test('running: ends now, not at the end of December', () => {
    // 4 December 09:00 CET = 08:00Z; 4 December 2025 09:00 CET = 08:00Z
    expect(clvWindow(december, at('2026-12-04', 9), ams)).toEqual({
      start: '2025-12-04T08:00:00.000Z',
      end: '2026-12-04T08:00:00.000Z',
      startDate: '2025-12-04',
      endDate: '2026-12-05',
    })
  })
  test('finished: the 12 calendar months ending with December', () => {
    expect(clvWindow(december, at('2027-01-05', 9), ams)).toEqual({
      start: '2025-12-31T23:00:00.000Z',
      end: '2026-12-31T23:00:00.000Z',
      startDate: '2026-01-01',
      endDate: '2027-01-01',
    })
  })
})

describe('costShares: whole-month costs count for the calendar days begun', () => {
  test.each([
    { name: 'day 1, 08:00', now: at('2026-12-01', 8), elapsedDays: 1 },
    { name: 'day 4, 09:00', now: at('2026-12-04', 9), elapsedDays: 4 },
    { name: 'day 4, 00:00 (day 4 not begun)', now: at('2026-12-04', 0), elapsedDays: 3 },
    { name: 'last day, 22:30', now: at('2026-12-31', 22.5), elapsedDays: 31 },
    { name: 'finished', now: at('2027-01-05', 9), elapsedDays: 31 },
    { name: 'not started', now: at('2026-11-20', 9), elapsedDays: 0 },
  ])('December, $name: $elapsedDays of 31 days', ({ now, elapsedDays }) => {
    expect(costShares(december, now, ams.timeZone)).toEqual([{ month: '2026-12-01', elapsedDays, monthDays: 31 }])
  })

  test('a running quarter: October and November whole, December for 4 of 31 days', () => {
    const q4 = periodContaining('2026-12-04', 'quarter', ams)
    expect(costShares(q4, at('2026-12-04', 9), ams.timeZone)).toEqual([
      { month: '2026-10-01', elapsedDays: 31, monthDays: 31 },
      { month: '2026-11-01', elapsedDays: 30, monthDays: 30 },
      { month: '2026-12-01', elapsedDays: 4, monthDays: 31 },
    ])
  })

  test('the like-for-like comparison span (1–4 November 09:00) reads November for 4 of 30 days', () => {
    const now = at('2026-12-04', 9)
    const lastMonth = likeForLike(december, now, ams).previous
    expect(costShares(lastMonth, now, ams.timeZone)).toEqual([{ month: '2026-11-01', elapsedDays: 4, monthDays: 30 }])
  })

  test.each([
    { cents: 3_100_000, elapsedDays: 4, expected: 400_000 }, // €31,000 × 4 ÷ 31 = €4,000
    { cents: 100, elapsedDays: 1, expected: 3 }, // 100 ÷ 31 = 3.23 → 3
    { cents: 31, elapsedDays: 15, expected: 15 }, // 31 × 15 ÷ 31 = 15
    { cents: 62, elapsedDays: 0, expected: 0 },
    { cents: 93, elapsedDays: 31, expected: 93 },
  ])('proRatedCents($cents, $elapsedDays of 31) = $expected', ({ cents, elapsedDays, expected }) => {
    expect(proRatedCents(cents, { month: '2026-12-01', elapsedDays, monthDays: 31 })).toBe(expected)
  })
  test('halves round away from zero, as PostgreSQL round(numeric) does', () => {
    // 1 × 15 ÷ 30 = 0.5 → 1; −1 × 15 ÷ 30 = −0.5 → −1
    expect(proRatedCents(1, { month: '2026-11-01', elapsedDays: 15, monthDays: 30 })).toBe(1)
    expect(proRatedCents(-1, { month: '2026-11-01', elapsedDays: 15, monthDays: 30 })).toBe(-1)
  })
})

describe('efficiencyWindow: 6 months ending where the figures end', () => {
  test('running December: 1 July to now, December costs for 4 of 31 days', () => {
    const now = at('2026-12-04', 9)
    const w = efficiencyWindow(december, now, ams)
    // 1 July 00:00 CEST = 30 June 22:00Z
    expect(w).toEqual({
      start: '2026-06-30T22:00:00.000Z',
      end: '2026-12-04T08:00:00.000Z',
      startDate: '2026-07-01',
      endDate: '2026-12-05',
    })
    expect(costShares(w, now, ams.timeZone).map((m) => `${m.month}:${m.elapsedDays}/${m.monthDays}`)).toEqual([
      '2026-07-01:31/31',
      '2026-08-01:31/31',
      '2026-09-01:30/30',
      '2026-10-01:31/31',
      '2026-11-01:30/30',
      '2026-12-01:4/31',
    ])
  })
  test('finished December: the whole of July–December', () => {
    expect(efficiencyWindow(december, at('2027-01-05', 9), ams)).toMatchObject({
      end: '2026-12-31T23:00:00.000Z',
      endDate: '2027-01-01',
    })
  })
})
