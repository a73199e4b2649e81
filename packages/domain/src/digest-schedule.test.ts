import { expect, test } from 'vitest'
import { latestDue, nextDue, type DigestTime } from './digest-schedule.ts'

const AMS = 'Europe/Amsterdam'
const mondayAt8: DigestTime = { frequency: 'weekly', weekday: 1, hour: 8 }
const dailyAt = (hour: number): DigestTime => ({ frequency: 'daily', weekday: 1, hour })

// Every expected instant is written out by hand: local wall time − the zone's offset that day.

test.each([
  // Saturday 5 December 2026, 13:00 CET (UTC+1): the last Monday was 30 November, 08:00 CET = 07:00Z
  { now: '2026-12-05T12:00:00.000Z', latest: '2026-11-30T07:00:00.000Z', next: '2026-12-07T07:00:00.000Z' },
  // exactly at the due time: it is the latest (≤ now), the next is a week later
  { now: '2026-12-07T07:00:00.000Z', latest: '2026-12-07T07:00:00.000Z', next: '2026-12-14T07:00:00.000Z' },
  // one millisecond before it, on the Monday itself: still last week's
  { now: '2026-12-07T06:59:59.999Z', latest: '2026-11-30T07:00:00.000Z', next: '2026-12-07T07:00:00.000Z' },
  // Monday 30 March 2026, the day after summer time began: 08:00 CEST (UTC+2) = 06:00Z; the Monday before was CET
  { now: '2026-03-30T12:00:00.000Z', latest: '2026-03-30T06:00:00.000Z', next: '2026-04-06T06:00:00.000Z' },
  { now: '2026-03-29T12:00:00.000Z', latest: '2026-03-23T07:00:00.000Z', next: '2026-03-30T06:00:00.000Z' },
])('weekly on Monday 08:00 in Amsterdam at $now', ({ now, latest, next }) => {
  expect(latestDue(mondayAt8, AMS, now)).toBe(latest)
  expect(nextDue(mondayAt8, AMS, now)).toBe(next)
})

test('daily 08:00 in Amsterdam: 23 hours apart over the spring change, 25 over the autumn one', () => {
  // Saturday 28 March 2026 08:00 CET = 07:00Z; Sunday 29 March 08:00 CEST = 06:00Z
  expect(nextDue(dailyAt(8), AMS, '2026-03-28T07:00:00.000Z')).toBe('2026-03-29T06:00:00.000Z')
  // Saturday 24 October 2026 08:00 CEST = 06:00Z; Sunday 25 October 08:00 CET = 07:00Z
  expect(nextDue(dailyAt(8), AMS, '2026-10-24T06:00:00.000Z')).toBe('2026-10-25T07:00:00.000Z')
  // just before 08:00 local on 5 December: yesterday's
  expect(latestDue(dailyAt(8), AMS, '2026-12-05T06:59:59.999Z')).toBe('2026-12-04T07:00:00.000Z')
})

test('an hour that does not exist (Amsterdam, 29 March 2026, 02:00) moves forward to 03:00 CEST', () => {
  // 02:00 CET would be 01:00Z; clocks jump from 02:00 CET to 03:00 CEST at 01:00Z, so the due time is 01:00Z
  expect(nextDue(dailyAt(2), AMS, '2026-03-28T12:00:00.000Z')).toBe('2026-03-29T01:00:00.000Z')
  expect(latestDue(dailyAt(2), AMS, '2026-03-29T01:30:00.000Z')).toBe('2026-03-29T01:00:00.000Z')
  // and the next day 02:00 CEST = 00:00Z again
  expect(nextDue(dailyAt(2), AMS, '2026-03-29T01:00:00.000Z')).toBe('2026-03-30T00:00:00.000Z')
  // weekly on Sunday 02:00: once that Sunday, not twice and not skipped
  const sundayAt2: DigestTime = { frequency: 'weekly', weekday: 7, hour: 2 }
  expect(nextDue(sundayAt2, AMS, '2026-03-28T12:00:00.000Z')).toBe('2026-03-29T01:00:00.000Z')
})

test('an hour that happens twice (Amsterdam, 25 October 2026, 02:00) is its first occurrence, once', () => {
  // 02:00 CEST (UTC+2) = 00:00Z; the second 02:00 (CET) = 01:00Z is not a due time
  expect(nextDue(dailyAt(2), AMS, '2026-10-24T12:00:00.000Z')).toBe('2026-10-25T00:00:00.000Z')
  expect(latestDue(dailyAt(2), AMS, '2026-10-25T01:30:00.000Z')).toBe('2026-10-25T00:00:00.000Z')
  // after it, the next is Monday 02:00 CET = 01:00Z
  expect(nextDue(dailyAt(2), AMS, '2026-10-25T00:00:00.000Z')).toBe('2026-10-26T01:00:00.000Z')
})

test('New York: 8 March 2026 02:00 does not exist (→ 03:00 EDT); 08:00 moves from 13:00Z to 12:00Z', () => {
  const NY = 'America/New_York'
  // 03:00 EDT (UTC−4) = 07:00Z
  expect(nextDue(dailyAt(2), NY, '2026-03-07T12:00:00.000Z')).toBe('2026-03-08T07:00:00.000Z')
  // Saturday 7 March 08:00 EST (UTC−5) = 13:00Z; Sunday 8 March 08:00 EDT = 12:00Z
  expect(nextDue(dailyAt(8), NY, '2026-03-07T12:00:00.000Z')).toBe('2026-03-07T13:00:00.000Z')
  expect(nextDue(dailyAt(8), NY, '2026-03-07T13:00:00.000Z')).toBe('2026-03-08T12:00:00.000Z')
})

test('Auckland: Monday 08:00 local is Sunday 19:00Z in December (NZDT, UTC+13)', () => {
  const AKL = 'Pacific/Auckland'
  // Monday 7 December 2026 08:00 NZDT = Sunday 6 December 19:00Z
  expect(latestDue(mondayAt8, AKL, '2026-12-06T20:00:00.000Z')).toBe('2026-12-06T19:00:00.000Z')
  expect(nextDue(mondayAt8, AKL, '2026-12-06T18:59:59.999Z')).toBe('2026-12-06T19:00:00.000Z')
  // Sunday 5 April 2026: 03:00 NZDT falls back to 02:00 NZST; 02:00 is first at NZDT: 02:00 − 13 h = 4 April 13:00Z
  expect(nextDue(dailyAt(2), AKL, '2026-04-04T00:00:00.000Z')).toBe('2026-04-04T13:00:00.000Z')
  // and Monday 6 April 02:00 NZST (UTC+12) = 5 April 14:00Z
  expect(nextDue(dailyAt(2), AKL, '2026-04-04T13:00:00.000Z')).toBe('2026-04-05T14:00:00.000Z')
})
