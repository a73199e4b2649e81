import { expect, test } from 'vitest'
import { likeForLike, yearToDateSpans } from './comparisons.ts'
import { periodContaining } from './periods.ts'
import { zonedInstant } from './time-zone.ts'

const ams = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
const at = (date: string, hour: number) => zonedInstant(date, hour * 3_600_000, 'Europe/Amsterdam')

test("this month's first 14 days and 10 hours vs the same span of last month and of March last year", () => {
  const march = periodContaining('2026-03-15', 'month', ams)
  const l = likeForLike(march, at('2026-03-15', 10), ams)
  expect(l.running).toBe(true)
  // 15 March 10:00 CET = 09:00Z; 15 February 10:00 CET = 09:00Z; 15 March 2025 10:00 CET = 09:00Z
  expect(l.current).toMatchObject({ start: '2026-02-28T23:00:00.000Z', end: '2026-03-15T09:00:00.000Z' })
  expect(l.previous).toMatchObject({ start: '2026-01-31T23:00:00.000Z', end: '2026-02-15T09:00:00.000Z' })
  expect(l.lastYear).toMatchObject({ start: '2025-02-28T23:00:00.000Z', end: '2025-03-15T09:00:00.000Z' })
})

test('the elapsed span follows local time across the DST switch', () => {
  const april = periodContaining('2026-04-15', 'month', ams)
  const l = likeForLike(april, at('2026-04-15', 10), ams)
  // 15 April 10:00 CEST = 08:00Z vs 15 March 10:00 CET = 09:00Z: the same local time, not the same UTC offset
  expect(l.current.end).toBe('2026-04-15T08:00:00.000Z')
  expect(l.previous.end).toBe('2026-03-15T09:00:00.000Z')
})

test('the comparison span is capped at the end of a shorter period', () => {
  const march = periodContaining('2026-03-31', 'month', ams)
  const l = likeForLike(march, at('2026-03-31', 12), ams)
  // day offset 30 from 1 February would be 3 March: capped at February's end (1 March 00:00 CET = 28 Feb 23:00Z)
  expect(l.previous).toMatchObject({ end: '2026-02-28T23:00:00.000Z', endDate: '2026-03-01' })
})

test('a finished period is compared whole with whole periods', () => {
  const feb = periodContaining('2026-02-10', 'month', ams)
  const l = likeForLike(feb, at('2026-03-15', 10), ams)
  expect(l.running).toBe(false)
  expect(l.current).toBe(feb)
  expect(l.previous).toMatchObject({ label: '2026-01', endDate: '2026-02-01' })
  expect(l.lastYear).toMatchObject({ label: '2025-02' })
})

test('weeks compare the same weekday and time', () => {
  const week = periodContaining('2026-03-12', 'week', ams)
  const l = likeForLike(week, at('2026-03-12', 16), ams)
  // Thursday 12 March 16:00 CET → Thursday 5 March 16:00 CET = 15:00Z
  expect(l.previous.end).toBe('2026-03-05T15:00:00.000Z')
  // same ISO week 11 of 2025: Monday 10 March 2025; Thursday 13 March 16:00 CET
  expect(l.lastYear.end).toBe('2025-03-13T15:00:00.000Z')
})

test('at local midnight the new day has not begun: endDate excludes it', () => {
  const march = periodContaining('2026-03-15', 'month', ams)
  const l = likeForLike(march, at('2026-03-15', 0), ams)
  // 15 March 00:00 CET = 14 March 23:00Z: 14 whole days elapsed
  expect(l.current).toMatchObject({ end: '2026-03-14T23:00:00.000Z', endDate: '2026-03-15' })
  expect(l.previous).toMatchObject({ end: '2026-02-14T23:00:00.000Z', endDate: '2026-02-15' })
})

test('year-to-date while March runs: 1 January until now, and last year until the same local time', () => {
  const march = periodContaining('2026-03-15', 'month', ams)
  const ytd = yearToDateSpans(march, at('2026-03-15', 10), ams)
  // 1 January 00:00 CET = 31 December 23:00Z; 15 March 10:00 CET = 09:00Z
  expect(ytd.current).toMatchObject({ start: '2025-12-31T23:00:00.000Z', end: '2026-03-15T09:00:00.000Z' })
  expect(ytd.lastYear).toMatchObject({ start: '2024-12-31T23:00:00.000Z', end: '2025-03-15T09:00:00.000Z' })
})

test('year-to-date of a finished February in a fiscal year starting in April; leap day maps to 28 Feb', () => {
  const april = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 4 }
  const feb = periodContaining('2024-02-10', 'month', april)
  const ytd = yearToDateSpans(feb, at('2024-06-01', 0), april)
  // FY2023/24 started 1 April 2023; February 2024 ends with the 29th → last year up to 28 February 2023
  expect(ytd.current).toMatchObject({ startDate: '2023-04-01', endDate: '2024-03-01' })
  expect(ytd.lastYear).toMatchObject({ startDate: '2022-04-01', endDate: '2023-03-01' })
})
