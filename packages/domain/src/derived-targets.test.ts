import { describe, expect, test } from 'vitest'
import { derivedTarget } from './derived-targets.ts'
import { periodContaining, type Period } from './periods.ts'

// Easter Monday 29 March and King's Day 27 April 2027 are the organisation's holidays.
const settings = {
  timeZone: 'Europe/Amsterdam',
  fiscalYearStartMonth: 1,
  holidays: new Set(['2027-03-29', '2027-04-27']),
}
// March 2027: 23 weekdays − Easter Monday = 22 working days; April 2027: 22 weekdays − King's Day = 21.
const monthTargets: Record<string, number> = { '2027-03': 220, '2027-04': 210 }
const fromMonths = (parent: Period) => (parent.type === 'month' ? monthTargets[parent.label] : undefined)
const week = periodContaining('2027-03-29', 'week', settings) // Mon 29 Mar – Sun 4 Apr 2027
const day = (date: string) => periodContaining(date, 'day', settings)

describe('targets derived by working days', () => {
  test('a week spanning two months with a holiday takes its share of each month', () => {
    // March: Tue 30 + Wed 31 = 2 of 22 (Mon 29 is Easter Monday); April: Thu 1 + Fri 2 = 2 of 21.
    // 220 × 2 ÷ 22 + 210 × 2 ÷ 21 = 20 + 20 = 40
    const derived = derivedTarget({ period: week, accumulation: 'sum', settings, targetOf: fromMonths })
    expect(derived?.value).toBeCloseTo(40, 10)
    expect(derived?.from.map((p) => p.label)).toEqual(['2027-03', '2027-04'])
  })

  test('a working day takes one working day of its month; a holiday and a Saturday have no share', () => {
    // 220 ÷ 22 = 10
    expect(derivedTarget({ period: day('2027-03-30'), accumulation: 'sum', settings, targetOf: fromMonths })).toEqual(
      expect.objectContaining({ value: 10 }),
    )
    expect(derivedTarget({ period: day('2027-03-29'), accumulation: 'sum', settings, targetOf: fromMonths })).toBe(null)
    expect(derivedTarget({ period: day('2027-04-03'), accumulation: 'sum', settings, targetOf: fromMonths })).toBe(null)
  })

  test("an explicit week target wins over the month's for a day of that week", () => {
    const targetOf = (parent: Period) => (parent.type === 'week' ? 45 : fromMonths(parent))
    // 45 over the week's 4 working days (30, 31 March, 1, 2 April) = 11.25
    const derived = derivedTarget({ period: day('2027-03-30'), accumulation: 'sum', settings, targetOf })
    expect(derived?.value).toBe(11.25)
    expect(derived?.from.map((p) => p.type)).toEqual(['week'])
  })

  test('the quarter is used when a month has no target', () => {
    // Q1 2027: January 21 (New Year's Day is not on this list) + February 20 + March 22 = 63; 630 ÷ 63 = 10
    const targetOf = (parent: Period) => (parent.type === 'quarter' ? 630 : undefined)
    expect(derivedTarget({ period: day('2027-03-30'), accumulation: 'sum', settings, targetOf })?.value).toBe(10)
  })

  test("a level KPI takes the month's target as is: the month with most of the week's working days, else the first", () => {
    const rates: Record<string, number> = { '2027-03': 40, '2027-04': 30 }
    const targetOf = (parent: Period) => (parent.type === 'month' ? rates[parent.label] : undefined)
    // 2 working days in March, 2 in April: a tie, so March's 40.
    expect(derivedTarget({ period: week, accumulation: 'level', settings, targetOf })?.value).toBe(40)
    const nextWeek = periodContaining('2027-04-05', 'week', settings)
    expect(derivedTarget({ period: nextWeek, accumulation: 'level', settings, targetOf })?.value).toBe(30)
  })

  test('months and longer are never derived; nothing to derive from is null', () => {
    const march = periodContaining('2027-03-01', 'month', settings)
    expect(derivedTarget({ period: march, accumulation: 'sum', settings, targetOf: () => 1 })).toBe(null)
    expect(derivedTarget({ period: week, accumulation: 'sum', settings, targetOf: () => undefined })).toBe(null)
  })
})
