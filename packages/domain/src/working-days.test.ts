import { expect, test } from 'vitest'
import { periodContaining } from './periods.ts'
import { countWorkingDays, isWorkingDay, workingDayProgress } from './working-days.ts'
import { zonedInstant } from './time-zone.ts'

const ams = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
// Dutch holidays in April 2026: Good Friday 3rd, Easter Sunday 5th (a weekend day anyway), Easter Monday 6th,
// King's Day Monday 27th.
const holidays = new Set(['2026-04-03', '2026-04-05', '2026-04-06', '2026-04-27'])
const at = (date: string, hour: number) => zonedInstant(date, hour * 3_600_000, 'Europe/Amsterdam')

test('March 2026 has 22 working days', () => {
  // 1 March is a Sunday: 2–6, 9–13, 16–20, 23–27 (4 × 5) + 30–31 (2) = 22
  expect(countWorkingDays('2026-03-01', '2026-04-01', new Set())).toBe(22)
})

test('April 2026 has 19 working days with the holiday list', () => {
  // 1–3 (3) + 6–10 (5) + 13–17 (5) + 20–24 (5) + 27–30 (4) = 22 weekdays; minus 3rd, 6th, 27th = 19
  // (5 April is a Sunday, so it does not count twice)
  expect(countWorkingDays('2026-04-01', '2026-05-01', holidays)).toBe(19)
  expect(isWorkingDay('2026-04-06', holidays)).toBe(false)
  expect(isWorkingDay('2026-04-07', holidays)).toBe(true)
  expect(isWorkingDay('2026-04-11', holidays)).toBe(false) // Saturday
})

test('progress inside April: today counts as elapsed and as remaining', () => {
  const april = periodContaining('2026-04-08', 'month', ams)
  // Wednesday 8 April: elapsed 1, 2, 7, 8 = 4 (3rd and 6th are holidays); remaining 8th..30th = 19 − 3 = 16
  expect(workingDayProgress(april, at('2026-04-08', 12), 'Europe/Amsterdam', holidays)).toEqual({
    total: 19,
    elapsed: 4,
    remaining: 16,
  })
})

test('progress before, on the last working day and after the period', () => {
  const april = periodContaining('2026-04-08', 'month', ams)
  expect(workingDayProgress(april, at('2026-03-31', 12), 'Europe/Amsterdam', holidays)).toEqual({
    total: 19,
    elapsed: 0,
    remaining: 19,
  })
  // Thursday 30 April is the last working day: everything elapsed, today still remaining
  expect(workingDayProgress(april, at('2026-04-30', 9), 'Europe/Amsterdam', holidays)).toEqual({
    total: 19,
    elapsed: 19,
    remaining: 1,
  })
  expect(workingDayProgress(april, at('2026-05-01', 0), 'Europe/Amsterdam', holidays)).toEqual({
    total: 19,
    elapsed: 19,
    remaining: 0,
  })
})

test('a weekend start: on Saturday 1 August 2026 no working day has elapsed yet', () => {
  const august = periodContaining('2026-08-01', 'month', ams)
  // August 2026: 3–7, 10–14, 17–21, 24–28, 31 = 21 working days
  expect(workingDayProgress(august, at('2026-08-01', 15), 'Europe/Amsterdam', new Set())).toEqual({
    total: 21,
    elapsed: 0,
    remaining: 21,
  })
})
