import { expect, test } from 'vitest'
import { dueNow } from './due.ts'

// Which due time the scheduler sends at `now` (Europe/Amsterdam, winter: 08:00 local = 07:00Z).
const AMS = 'Europe/Amsterdam'
const mondayAt8 = { frequency: 'weekly', weekday: 1, hour: 8 } as const
const chosenLongAgo = new Date('2026-01-01T00:00:00Z')

test.each([
  // a restart at 09:30 on Monday 7 December still sends the 08:00 digest
  { now: '2026-12-07T08:30:00Z', chosenAt: chosenLongAgo, expected: '2026-12-07T07:00:00.000Z' },
  // exactly six hours late: still sent; a millisecond more: a stale digest is not sent late
  { now: '2026-12-07T13:00:00Z', chosenAt: chosenLongAgo, expected: '2026-12-07T07:00:00.000Z' },
  { now: '2026-12-07T13:00:00.001Z', chosenAt: chosenLongAgo, expected: null },
  // switched to "Monday 08:00" on Tuesday 8 December: last Monday's is not sent at once
  { now: '2026-12-08T09:00:00Z', chosenAt: new Date('2026-12-08T08:59:00Z'), expected: null },
  // chosen on Monday at 07:59 local (06:59Z): that morning's 08:00 is sent
  { now: '2026-12-07T07:05:00Z', chosenAt: new Date('2026-12-07T06:59:00Z'), expected: '2026-12-07T07:00:00.000Z' },
])('at $now (chosen $chosenAt) → $expected', ({ now, chosenAt, expected }) => {
  expect(dueNow(mondayAt8, AMS, new Date(now), chosenAt)?.toISOString() ?? null).toBe(expected)
})

test('off is never due', () => {
  expect(dueNow({ ...mondayAt8, frequency: 'off' }, AMS, new Date('2026-12-07T07:00:00Z'), chosenLongAgo)).toBe(null)
})
