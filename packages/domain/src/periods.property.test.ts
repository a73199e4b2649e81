import { expect, test } from 'vitest'
import fc from 'fast-check'
import { addDays, fromDayNumber } from './calendar.ts'
import { nextPeriod, PERIOD_TYPES, periodContaining, previousPeriod, samePeriodLastYear } from './periods.ts'
import { localDateTimeOf } from './time-zone.ts'

// Zones with DST at 02:00 (Amsterdam, New York), at midnight (Santiago: local midnight is skipped in
// September), in the southern hemisphere (Auckland), with a half-hour offset (Kolkata), and UTC.
const zones = ['Europe/Amsterdam', 'America/New_York', 'America/Santiago', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC']
const date = fc.integer({ min: 7305, max: 25567 }).map(fromDayNumber) // 1990-01-01 … 2039-12-31
const settings = fc.record({
  timeZone: fc.constantFrom(...zones),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
})
const type = fc.constantFrom(...PERIOD_TYPES)

test('property: a period contains its date, starts at the first instant of its first local day, and tiles', () => {
  fc.assert(
    fc.property(date, type, settings, (d, t, s) => {
      const p = periodContaining(d, t, s)
      expect(p.startDate <= d && d < p.endDate).toBe(true)
      expect(Date.parse(p.start)).toBeLessThan(Date.parse(p.end))
      // The start is on the first local day; the last millisecond is on the last local day.
      expect(localDateTimeOf(p.start, s.timeZone).date).toBe(p.startDate)
      expect(localDateTimeOf(Date.parse(p.end) - 1, s.timeZone).date).toBe(addDays(p.endDate, -1))
      // One millisecond earlier is the previous local day (so midnight, or the end of a skipped hour).
      expect(localDateTimeOf(Date.parse(p.start) - 1, s.timeZone).date).toBe(addDays(p.startDate, -1))
      const next = nextPeriod(p, s)
      expect(next.start).toBe(p.end)
      expect(previousPeriod(next, s)).toEqual(p)
    }),
    { numRuns: 300 },
  )
})

test('property: the same period last year is of the same type and about a year earlier', () => {
  fc.assert(
    fc.property(date, type, settings, (d, t, s) => {
      const p = periodContaining(d, t, s)
      const last = samePeriodLastYear(p, s)
      expect(last.type).toBe(t)
      const days = (Date.parse(p.start) - Date.parse(last.start)) / 86_400_000
      // 365 or 366 days, give or take an ISO week shift and a DST hour
      expect(days).toBeGreaterThanOrEqual(357)
      expect(days).toBeLessThanOrEqual(372)
    }),
    { numRuns: 300 },
  )
})
