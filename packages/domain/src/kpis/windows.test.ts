import { describe, expect, test } from 'vitest'
import { likeForLike } from '../comparisons.ts'
import { periodContaining, type Period } from '../periods.ts'
import { zonedInstant } from '../time-zone.ts'
import { clvWindow, conversionsUntil, costShares, efficiencyWindow, nrrWindows, proRatedCents } from './windows.ts'

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

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('costShares: whole-month costs count for the calendar time elapsed in the month', () => {
  test.each([
    { name: 'day 1, 08:00', now: at('2026-12-01', 8), elapsedMs: 8 * HOUR },
    { name: 'day 4, 09:00', now: at('2026-12-04', 9), elapsedMs: 3 * DAY + 9 * HOUR },
    { name: 'last day, 22:30', now: at('2026-12-31', 22.5), elapsedMs: 30 * DAY + 22.5 * HOUR },
    { name: 'finished', now: at('2027-01-05', 9), elapsedMs: 31 * DAY },
    { name: 'not started', now: at('2026-11-20', 9), elapsedMs: 0 },
  ])('December, $name', ({ now, elapsedMs }) => {
    expect(costShares(december, now, ams.timeZone)).toEqual([{ month: '2026-12-01', elapsedMs, monthMs: 31 * DAY }])
  })

  test('a running quarter: October (with the DST hour: 31 days + 1 hour) and November whole, December in part', () => {
    const q4 = periodContaining('2026-12-04', 'quarter', ams)
    expect(costShares(q4, at('2026-12-04', 9), ams.timeZone)).toEqual([
      { month: '2026-10-01', elapsedMs: 31 * DAY + HOUR, monthMs: 31 * DAY + HOUR },
      { month: '2026-11-01', elapsedMs: 30 * DAY, monthMs: 30 * DAY },
      { month: '2026-12-01', elapsedMs: 3 * DAY + 9 * HOUR, monthMs: 31 * DAY },
    ])
  })

  test('the like-for-like comparison span (1–4 November 09:00) reads November for 3 days 9 hours of 30 days', () => {
    const now = at('2026-12-04', 9)
    const lastMonth = likeForLike(december, now, ams).previous
    expect(costShares(lastMonth, now, ams.timeZone)).toEqual([
      { month: '2026-11-01', elapsedMs: 3 * DAY + 9 * HOUR, monthMs: 30 * DAY },
    ])
  })

  const share = (elapsedHours: number) => ({ month: '2026-12-01', elapsedMs: elapsedHours * HOUR, monthMs: 744 * HOUR })
  test.each([
    { cents: 3_100_000, hours: 81, expected: 337_500 }, // €31,000 × 81 h ÷ 744 h = €3,375
    { cents: 100, hours: 24, expected: 3 }, // 100 × 24 ÷ 744 = 3.23 → 3
    { cents: 31, hours: 360, expected: 15 }, // 31 × 360 ÷ 744 = 15
    { cents: 62, hours: 0, expected: 0 },
    { cents: 93, hours: 744, expected: 93 },
    { cents: 900_719_925_474_099, hours: 372, expected: 450_359_962_737_050 }, // half of 2^53 − 1: exact, .5 rounds up
  ])('proRatedCents($cents, $hours h of 744 h) = $expected', ({ cents, hours, expected }) => {
    expect(proRatedCents(cents, share(hours))).toBe(expected)
  })
  test('halves round away from zero, as PostgreSQL round(numeric) does', () => {
    // 1 × 372 ÷ 744 = 0.5 → 1; −1 × 372 ÷ 744 = −0.5 → −1
    expect(proRatedCents(1, share(372))).toBe(1)
    expect(proRatedCents(-1, share(372))).toBe(-1)
  })
})

describe('efficiencyWindow: 6 months ending where the figures end', () => {
  test('running December: 1 July to now, December costs for 81 of 744 hours', () => {
    const now = at('2026-12-04', 9)
    const w = efficiencyWindow(december, now, ams)
    // 1 July 00:00 CEST = 30 June 22:00Z
    expect(w).toEqual({
      start: '2026-06-30T22:00:00.000Z',
      end: '2026-12-04T08:00:00.000Z',
      startDate: '2026-07-01',
      endDate: '2026-12-05',
    })
    expect(costShares(w, now, ams.timeZone).map((m) => m.elapsedMs / m.monthMs)).toEqual([1, 1, 1, 1, 1, 81 / 744])
  })
  test('finished December: the whole of July–December', () => {
    expect(efficiencyWindow(december, at('2027-01-05', 9), ams)).toMatchObject({
      end: '2026-12-31T23:00:00.000Z',
      endDate: '2027-01-01',
    })
  })
})

describe('conversionsUntil: a comparison cohort converts only until its cut', () => {
  const now = at('2026-12-04', 9)
  test('the running month: at any time (its cohort has had until now)', () => {
    expect(conversionsUntil(december, now, ams)).toBeNull()
  })
  test('the like-for-like span 1–4 November 09:00: until 4 November 09:00 CET = 08:00Z', () => {
    expect(conversionsUntil(asPeriod(likeForLike(december, now, ams).previous), now, ams)).toBe(
      '2026-11-04T08:00:00.000Z',
    )
  })
  test('a finished whole period: at any time', () => {
    expect(conversionsUntil(periodContaining('2026-11-15', 'month', ams), now, ams)).toBeNull()
  })
})
