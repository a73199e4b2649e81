/**
 * Instants and the organisation's time zone. An Instant is an ISO-8601 UTC string with milliseconds
 * ("2026-03-29T01:00:00.000Z"): serialisable, usable as a SQL timestamptz parameter, and ordered by plain
 * string comparison. Offsets come from Intl.DateTimeFormat, so any IANA zone works without a date library.
 *
 * Exports: Instant, toInstant, instantMs, localDateOf, localDateTimeOf, zonedInstant, startOfLocalDay.
 */
import { utcMs, type LocalDate } from './calendar.ts'

/** ISO-8601 UTC with milliseconds, e.g. '2026-03-31T21:30:00.000Z'. */
export type Instant = string

export function toInstant(value: Date | number | string): Instant {
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${String(value)}`)
  return d.toISOString()
}

export function instantMs(instant: Instant): number {
  return Date.parse(instant)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Wall-clock fields of `ms` in `timeZone`. */
function wallClock(ms: number, timeZone: string) {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
  return { year, month, day, hour, minute, second, millisecond: ((ms % 1000) + 1000) % 1000 }
}

/** Offset of `timeZone` from UTC at `ms`, in ms (Amsterdam: +3_600_000 in winter, +7_200_000 in summer). */
function offsetMs(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone)
  const asUtc = utcMs(w.year, w.month, w.day) + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + w.millisecond
  return asUtc - ms
}

/** The local calendar date of an instant in `timeZone`. */
export function localDateOf(instant: Instant | number, timeZone: string): LocalDate {
  const ms = typeof instant === 'number' ? instant : instantMs(instant)
  const w = wallClock(ms, timeZone)
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
}

/** Local date and milliseconds since local midnight (wall-clock, so 0–86_399_999). */
export function localDateTimeOf(instant: Instant | number, timeZone: string): { date: LocalDate; msOfDay: number } {
  const ms = typeof instant === 'number' ? instant : instantMs(instant)
  const w = wallClock(ms, timeZone)
  const date = `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`
  return { date, msOfDay: ((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + w.millisecond }
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `msOfDay`. A wall time that does not
 * exist (inside a spring-forward gap) moves forward by the gap's length (02:30 → 03:30, like Temporal's
 * 'compatible'); an ambiguous one (autumn fall-back) maps to the earlier instant.
 */
export function zonedInstant(date: LocalDate, msOfDay: number, timeZone: string): Instant {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const wallAsUtc = utcMs(y, m, d) + msOfDay
  // Try both offsets around the wall time; prefer the earlier instant that round-trips exactly.
  const candidates = new Set([
    offsetMs(wallAsUtc - 86_400_000, timeZone),
    offsetMs(wallAsUtc, timeZone),
    offsetMs(wallAsUtc + 86_400_000, timeZone),
  ])
  const exact = [...candidates].map((o) => wallAsUtc - o).filter((t) => offsetMs(t, timeZone) === wallAsUtc - t)
  if (exact.length > 0) return new Date(Math.min(...exact)).toISOString()
  // Gap: the wall time is skipped; take the later offset's reading, which lands just after the gap.
  const after = Math.max(...[...candidates].map((o) => wallAsUtc - o))
  return new Date(after).toISOString()
}

// Period arithmetic asks for the same few midnights over and over; each costs several Intl calls.
const midnights = new Map<string, Instant>()
const MAX_CACHED_MIDNIGHTS = 20_000

/** The instant of local midnight starting `date` in `timeZone` (memoised: the answer never changes). */
export function startOfLocalDay(date: LocalDate, timeZone: string): Instant {
  const key = `${timeZone}|${date}`
  let instant = midnights.get(key)
  if (instant === undefined) {
    instant = zonedInstant(date, 0, timeZone)
    if (midnights.size >= MAX_CACHED_MIDNIGHTS) midnights.clear()
    midnights.set(key, instant)
  }
  return instant
}
