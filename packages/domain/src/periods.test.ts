import { describe, expect, test } from 'vitest'
import { isoWeek, isoWeeksInYear } from './calendar.ts'
import {
  lastYearToDate,
  nextPeriod,
  periodContaining,
  periodOfInstant,
  previousPeriod,
  samePeriodLastYear,
  trendPeriods,
  yearToDate,
  contains,
  hasStarted,
} from './periods.ts'
import { localDateOf, zonedInstant } from './time-zone.ts'

const ams = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
const amsApril = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 4 }
const hours = (p: { start: string; end: string }) => (Date.parse(p.end) - Date.parse(p.start)) / 3_600_000

describe('months in Europe/Amsterdam', () => {
  test('March 2026 runs from local midnight CET to local midnight CEST', () => {
    const march = periodContaining('2026-03-10', 'month', ams)
    // 1 March 00:00 CET (UTC+1) = 28 Feb 23:00Z; 1 April 00:00 CEST (UTC+2) = 31 March 22:00Z
    expect(march).toMatchObject({
      label: '2026-03',
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
      startDate: '2026-03-01',
      endDate: '2026-04-01',
    })
  })

  test('a deal closed at 23:30 local time on the last day of a month belongs to that month', () => {
    // 31 March 2026 23:30 CEST = 21:30Z, before the month's end at 22:00Z
    const closedAt = zonedInstant('2026-03-31', (23 * 60 + 30) * 60_000, 'Europe/Amsterdam')
    expect(closedAt).toBe('2026-03-31T21:30:00.000Z')
    expect(periodOfInstant(closedAt, 'month', ams).label).toBe('2026-03')
    expect(contains(periodContaining('2026-04-01', 'month', ams), closedAt)).toBe(false)
    // 31 October 2026 23:30 CET = 22:30Z; October ends at 1 November 00:00 CET = 23:00Z
    const october = zonedInstant('2026-10-31', (23 * 60 + 30) * 60_000, 'Europe/Amsterdam')
    expect(october).toBe('2026-10-31T22:30:00.000Z')
    expect(periodOfInstant(october, 'month', ams).label).toBe('2026-10')
    // …while in UTC it is still the 31st but a zone further east it is already November:
    expect(periodOfInstant(october, 'month', { timeZone: 'Asia/Tokyo', fiscalYearStartMonth: 1 }).label).toBe('2026-11')
  })
})

describe('DST switches (last Sunday of March and of October)', () => {
  test('29 March 2026 has 23 hours, 25 October 2026 has 25', () => {
    const spring = periodContaining('2026-03-29', 'day', ams)
    expect(spring.start).toBe('2026-03-28T23:00:00.000Z') // 00:00 CET
    expect(spring.end).toBe('2026-03-29T22:00:00.000Z') // next 00:00 CEST
    expect(hours(spring)).toBe(23)
    const autumn = periodContaining('2026-10-25', 'day', ams)
    expect(autumn.start).toBe('2026-10-24T22:00:00.000Z') // 00:00 CEST
    expect(autumn.end).toBe('2026-10-25T23:00:00.000Z') // next 00:00 CET
    expect(hours(autumn)).toBe(25)
  })

  test('the week containing a switch is 167 or 169 hours', () => {
    expect(hours(periodContaining('2026-03-26', 'week', ams))).toBe(7 * 24 - 1)
    expect(hours(periodContaining('2026-10-21', 'week', ams))).toBe(7 * 24 + 1)
  })

  test('instants around the switch map to the right local date', () => {
    // 02:30 local does not exist on 29 March: it moves forward to 03:30 CEST = 01:30Z
    expect(zonedInstant('2026-03-29', 2.5 * 3_600_000, 'Europe/Amsterdam')).toBe('2026-03-29T01:30:00.000Z')
    // 02:30 local happens twice on 25 October: the earlier one (CEST) = 00:30Z
    expect(zonedInstant('2026-10-25', 2.5 * 3_600_000, 'Europe/Amsterdam')).toBe('2026-10-25T00:30:00.000Z')
    expect(localDateOf('2026-10-25T22:59:59.999Z', 'Europe/Amsterdam')).toBe('2026-10-25') // 23:59:59.999 CET
    expect(localDateOf('2026-10-25T23:00:00.000Z', 'Europe/Amsterdam')).toBe('2026-10-26')
  })
})

describe('ISO weeks', () => {
  test('2026 has 53 ISO weeks; week 53 runs Monday 28 Dec 2026 to Sunday 3 Jan 2027', () => {
    // 1 January 2026 is a Thursday, so 2026 has 53 weeks
    expect(isoWeeksInYear(2026)).toBe(53)
    expect(isoWeeksInYear(2025)).toBe(52)
    expect(isoWeeksInYear(2020)).toBe(53) // leap year starting on a Wednesday
    const w53 = periodContaining('2027-01-01', 'week', ams)
    expect(w53).toMatchObject({ label: '2026-W53', startDate: '2026-12-28', endDate: '2027-01-04' })
    expect(nextPeriod(w53, ams).label).toBe('2027-W01')
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 })
  })

  test('same week last year: week 53 maps to week 52 when last year had 52 weeks', () => {
    const w53 = periodContaining('2026-12-30', 'week', ams)
    expect(samePeriodLastYear(w53, ams)).toMatchObject({ label: '2025-W52', startDate: '2025-12-22' })
    const w10 = periodContaining('2026-03-04', 'week', ams)
    expect(samePeriodLastYear(w10, ams).label).toBe('2025-W10')
  })

  test('29 December 2025 already belongs to ISO year 2026', () => {
    expect(periodContaining('2025-12-29', 'week', ams).label).toBe('2026-W01')
  })
})

describe('fiscal year starting in April', () => {
  test('quarters and years shift to April', () => {
    expect(periodContaining('2026-05-15', 'quarter', amsApril)).toMatchObject({
      label: 'FY2026/27 Q1',
      startDate: '2026-04-01',
      endDate: '2026-07-01',
    })
    expect(periodContaining('2026-02-10', 'quarter', amsApril)).toMatchObject({
      label: 'FY2025/26 Q4',
      startDate: '2026-01-01',
      endDate: '2026-04-01',
    })
    expect(periodContaining('2026-02-10', 'year', amsApril)).toMatchObject({
      label: 'FY2025/26',
      startDate: '2025-04-01',
      endDate: '2026-04-01',
    })
  })

  test('previous of Q1 is Q4 of the previous fiscal year; months are unaffected', () => {
    const q1 = periodContaining('2026-04-01', 'quarter', amsApril)
    expect(previousPeriod(q1, amsApril).label).toBe('FY2025/26 Q4')
    expect(samePeriodLastYear(q1, amsApril).label).toBe('FY2025/26 Q1')
    expect(periodContaining('2026-04-01', 'month', amsApril).label).toBe('2026-04')
  })

  test('year-to-date starts on 1 April', () => {
    expect(yearToDate('2026-05-15', amsApril)).toMatchObject({ startDate: '2026-04-01', endDate: '2026-05-16' })
    expect(yearToDate('2026-03-31', amsApril)).toMatchObject({ startDate: '2025-04-01', endDate: '2026-04-01' })
  })

  test('calendar quarters with fiscalYearStartMonth 1', () => {
    expect(periodContaining('2026-11-30', 'quarter', ams)).toMatchObject({ label: '2026-Q4', startDate: '2026-10-01' })
  })
})

describe('leap day', () => {
  test('29 February 2024: its day, month, and the same day last year and next year', () => {
    const leap = periodContaining('2024-02-29', 'day', ams)
    expect(leap).toMatchObject({ label: '2024-02-29', endDate: '2024-03-01' })
    expect(samePeriodLastYear(leap, ams).label).toBe('2023-02-28')
    expect(periodContaining('2024-02-10', 'month', ams).endDate).toBe('2024-03-01')
    expect(hours(periodContaining('2024-02-10', 'month', ams))).toBe(29 * 24)
    const nextYearDay = periodContaining('2025-02-28', 'day', ams)
    expect(samePeriodLastYear(nextYearDay, ams).label).toBe('2024-02-28')
  })

  test('year-to-date on 29 February compares with last year up to 28 February', () => {
    expect(yearToDate('2024-02-29', ams)).toMatchObject({ startDate: '2024-01-01', endDate: '2024-03-01' })
    expect(lastYearToDate('2024-02-29', ams)).toMatchObject({ startDate: '2023-01-01', endDate: '2023-03-01' })
  })
})

test('trendPeriods gives the n periods ending with the given one, oldest first', () => {
  const march = periodContaining('2026-03-10', 'month', ams)
  expect(trendPeriods(march, 4, ams).map((p) => p.label)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03'])
})

test('rejects dates that do not exist', () => {
  expect(() => periodContaining('2023-02-29', 'day', ams)).toThrow(RangeError)
  expect(() => periodContaining('2026-13-01', 'month', ams)).toThrow(RangeError)
})

test('rejects a fiscal start month outside 1–12', () => {
  expect(() =>
    periodContaining('2026-03-10', 'year', { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 13 }),
  ).toThrow(RangeError)
})

test('January 2027 has not started on 31 December 2026 at 23:59 in Amsterdam; it has at local midnight', () => {
  const january = periodContaining('2027-01-15', 'month', ams)
  // 1 January 00:00 CET (UTC+1) = 31 December 23:00Z
  expect(hasStarted(january, '2026-12-31T22:59:59.999Z')).toBe(false)
  expect(hasStarted(january, '2026-12-31T23:00:00.000Z')).toBe(true)
})
