import { INTL_LOCALE } from '../i18n/format.ts'
import type { Locale } from '../i18n/format.ts'
import type { MessageKey, MessageVars } from '../i18n/messages.ts'
import type { DigestFrequency } from '@kpi/contract/digests'

type T = (key: MessageKey, vars?: MessageVars) => string

/** ISO weekdays, Monday first, as the API counts them (1 = Monday … 7 = Sunday). */
export const ISO_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

// 7 December 2026 is a Monday: the weekday's name is that date plus (weekday − 1) days, in UTC so no zone shifts it.
const A_MONDAY_UTC = Date.UTC(2026, 11, 7)

/** "Monday" / "maandag". */
export function weekdayName(locale: Locale, weekday: number): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(A_MONDAY_UTC + (weekday - 1) * 86_400_000),
  )
}

/** 8 → "08:00": the 24-hour clock both languages read. */
export const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`

/** "Off", "Daily at 07:00", "Weekly on Monday at 08:00" (and the Dutch), for a schedule. */
export function scheduleText(
  t: T,
  locale: Locale,
  schedule: { frequency: DigestFrequency; weekday: number; hour: number },
): string {
  if (schedule.frequency === 'off') return t('digest.schedule.off')
  const time = hourLabel(schedule.hour)
  return schedule.frequency === 'daily'
    ? t('digest.schedule.daily', { time })
    : t('digest.schedule.weekly', { weekday: weekdayName(locale, schedule.weekday), time })
}

/** An instant as the day and time it happens in the organisation's zone: "Monday 7 December", "08:00". */
export function dueParts(locale: Locale, instant: string, timeZone: string): { date: string; time: string } {
  const at = new Date(instant)
  const date = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  }).format(at)
  const time = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at)
  return { date, time }
}
