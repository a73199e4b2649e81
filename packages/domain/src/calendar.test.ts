import { expect, test } from 'vitest'
import { addDays, dayNumber, daysInMonth, isLocalDate } from './calendar.ts'
import { periodContaining, trendPeriods } from './periods.ts'
import { startOfLocalDay, zonedInstant } from './time-zone.ts'

// Date.UTC reads years 0–99 as 1900–1999: arithmetic on early years must not go through it (issue 14 F7).
test.each([
  { date: '0050-06-15', days: -701_100 }, // 1970-06-15 is day 165; 1920 years earlier: − (1920 × 365 + 465 leap days)
  { date: '0001-01-01', days: -719_162 }, // the proleptic Gregorian day 1
  { date: '1950-06-15', days: -7140 },
])('dayNumber($date) = $days', ({ date, days }) => {
  expect(dayNumber(date)).toBe(days)
  expect(addDays(date, 0)).toBe(date)
})

test('year 50 stays year 50: February of a leap year, midnight in a time zone', () => {
  expect(daysInMonth(48, 2)).toBe(29) // 48 is a leap year; 1948 was too, but 1900 (for 0) was not:
  expect(daysInMonth(0, 2)).toBe(29) // year 0 is divisible by 400
  expect(isLocalDate('0000-02-29')).toBe(true)
  expect(startOfLocalDay('0050-06-15', 'UTC')).toBe('0050-06-15T00:00:00.000Z')
  expect(zonedInstant('0050-06-15', 3_600_000, 'UTC')).toBe('0050-06-15T01:00:00.000Z')
})

test.each(['week', 'quarter', 'year'] as const)('a %s trend from 1000-01-01 reaches back into year 999', (type) => {
  // Dates built from a year number are padded: '999-01-01' was a RangeError (a 500 on the dashboard).
  const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
  const trend = trendPeriods(periodContaining('1000-01-01', type, settings), 12, settings)
  expect(trend[0]!.startDate).toMatch(/^09\d\d-\d\d-\d\d$/)
})
