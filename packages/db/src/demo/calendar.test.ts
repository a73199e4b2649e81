import { describe, expect, test } from 'vitest'
import { DAY_MS, amsterdamOffsetMs, dutchHolidays, easterSunday, localInstant, weekday } from './calendar.ts'

const iso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10)

describe('demo calendar', () => {
  test.each([
    { year: 2024, easter: '2024-03-31' },
    { year: 2025, easter: '2025-04-20' },
    { year: 2026, easter: '2026-04-05' },
    { year: 2027, easter: '2027-03-28' },
  ])('Easter Sunday $year is $easter', ({ year, easter }) => {
    expect(iso(easterSunday(year))).toBe(easter)
  })

  test("Dutch holidays 2025: King's Day moves to Saturday 26 April (27th is a Sunday); lustrum Liberation Day", () => {
    const holidays = Object.fromEntries(dutchHolidays(2025).map((h) => [h.name, iso(h.day)]))
    expect(holidays).toEqual({
      "New Year's Day": '2025-01-01',
      'Easter Sunday': '2025-04-20',
      'Easter Monday': '2025-04-21',
      "King's Day": '2025-04-26',
      'Liberation Day': '2025-05-05',
      'Ascension Day': '2025-05-29', // Easter + 39
      'Whit Sunday': '2025-06-08', // Easter + 49
      'Whit Monday': '2025-06-09',
      'Christmas Day': '2025-12-25',
      'Boxing Day': '2025-12-26',
    })
  })

  test('no Liberation Day off outside lustrum years', () => {
    expect(dutchHolidays(2026).map((h) => h.name)).not.toContain('Liberation Day')
  })

  test('weekday: 1970-01-01 was a Thursday, 2026-11-25 a Wednesday', () => {
    expect(weekday(0)).toBe(4)
    expect(weekday(Date.UTC(2026, 10, 25) / DAY_MS)).toBe(3)
  })

  test('Amsterdam offset switches at 01:00 UTC on the last Sundays of March and October', () => {
    const hour = 3_600_000
    expect(amsterdamOffsetMs(Date.parse('2026-03-29T00:59:59Z'))).toBe(hour)
    expect(amsterdamOffsetMs(Date.parse('2026-03-29T01:00:00Z'))).toBe(2 * hour)
    expect(amsterdamOffsetMs(Date.parse('2026-10-25T00:59:59Z'))).toBe(2 * hour)
    expect(amsterdamOffsetMs(Date.parse('2026-10-25T01:00:00Z'))).toBe(hour)
  })

  test('09:00 local is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(new Date(localInstant(Date.UTC(2026, 0, 15) / DAY_MS, 9)).toISOString()).toBe('2026-01-15T08:00:00.000Z')
    expect(new Date(localInstant(Date.UTC(2026, 6, 15) / DAY_MS, 9)).toISOString()).toBe('2026-07-15T07:00:00.000Z')
  })
})
