/**
 * When a scheduled digest is due (issue 20, docs/decisions/0039-digests.md): "daily at 08:00" or "weekly on
 * Monday at 08:00" on the wall clock of the organisation's time zone, as instants.
 *
 * Daylight-saving changes, deterministically (the rule of `zonedInstant`): an hour that does not exist (Amsterdam,
 * last Sunday of March, 02:00–03:00) moves forward by the gap (02:00 → 03:00 CEST); an hour that happens twice
 * (last Sunday of October, 02:00) is its first occurrence (02:00 CEST). So every day has exactly one due instant.
 *
 * Exports: DigestTime, latestDue, nextDue.
 */
import { addDays, isoWeekday, type LocalDate } from './calendar.ts'
import { instantMs, localDateOf, zonedInstant, type Instant } from './time-zone.ts'

export type DigestTime = {
  frequency: 'daily' | 'weekly'
  /** ISO weekday, 1 = Monday … 7 = Sunday; ignored when daily. */
  weekday: number
  /** 0–23, on the organisation's wall clock. */
  hour: number
}

const HOUR_MS = 3_600_000

/** The due instant on local `date`, or null when the schedule has none that day (weekly, another weekday). */
function dueOn(date: LocalDate, time: DigestTime, timeZone: string): Instant | null {
  if (time.frequency === 'weekly' && isoWeekday(date) !== time.weekday) return null
  return zonedInstant(date, time.hour * HOUR_MS, timeZone)
}

/**
 * The most recent due instant at or before `now`. Looks at the local date of `now` and up to 7 days before it
 * (a weekly schedule is due once in any 7 consecutive dates; the 8th covers a due time later than `now` today).
 */
export function latestDue(time: DigestTime, timeZone: string, now: Instant): Instant {
  const today = localDateOf(now, timeZone)
  const nowMs = instantMs(now)
  for (let back = 0; back <= 7; back++) {
    const due = dueOn(addDays(today, -back), time, timeZone)
    if (due !== null && instantMs(due) <= nowMs) return due
  }
  throw new Error(`latestDue: no due time within 8 days (${JSON.stringify(time)}, ${timeZone})`)
}

/** The first due instant strictly after `now`. */
export function nextDue(time: DigestTime, timeZone: string, now: Instant): Instant {
  const today = localDateOf(now, timeZone)
  const nowMs = instantMs(now)
  for (let ahead = 0; ahead <= 7; ahead++) {
    const due = dueOn(addDays(today, ahead), time, timeZone)
    if (due !== null && instantMs(due) > nowMs) return due
  }
  throw new Error(`nextDue: no due time within 8 days (${JSON.stringify(time)}, ${timeZone})`)
}
