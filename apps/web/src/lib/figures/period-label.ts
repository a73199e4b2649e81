import { INTL_LOCALE } from '../../i18n/format.ts'
import type { Locale } from '../../i18n/format.ts'

// The API's period labels are language-neutral ("2026-03-15", "2026-W09", "2026-03", "2026-Q1" or
// "FY2026/27 Q1", "2026" or "FY2025/26"); the words people read are made here with Intl, in one place.

/**
 * A period as a heading says it: "November 2026", "Q4 2026", "2026", "week of 23 Nov 2026", "Wed 25 Nov 2026".
 */
export function periodLabel(period: { type: string; startDate: string; label: string }, locale: Locale): string {
  const date = noonUtc(period.startDate)
  switch (period.type) {
    case 'year':
      return period.label
    case 'quarter':
      return quarterLabel(period.label, locale) ?? `${QUARTER[locale]}${quarterOf(date)} ${date.getUTCFullYear()}`
    case 'month':
      return formatUtc(locale, date, { month: 'long', year: 'numeric' })
    case 'week':
      return `${WEEK_OF[locale]} ${formatUtc(locale, date, { day: 'numeric', month: 'short', year: 'numeric' })}`
    default:
      return formatUtc(locale, date, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
  }
}

/**
 * A period in a tight space (chart axes and tooltips, grid column headers), from its label alone:
 * "Mar 2026" / "mrt 2026", "Week 9, 2026" / "week 9 2026", "Q1 2026" / "K1 2026", "15/03/2026" / "15-03-2026".
 * A label of an unexpected shape is shown as it came.
 */
export function shortPeriodLabel(period: { type: string; label: string }, locale: Locale): string {
  const { type, label } = period
  switch (type) {
    case 'year':
      return label
    case 'quarter':
      return quarterLabel(label, locale) ?? label
    case 'month':
      return /^\d{4}-\d{2}$/.test(label)
        ? formatUtc(locale, noonUtc(`${label}-01`), { month: 'short', year: 'numeric' })
        : label
    case 'week': {
      const week = /^(\d{4})-W(\d{2})$/.exec(label)
      return week ? WEEK_NUMBER[locale](Number(week[2]), week[1]!) : label
    }
    default:
      return /^\d{4}-\d{2}-\d{2}$/.test(label) ? formatUtc(locale, noonUtc(label), { dateStyle: 'short' }) : label
  }
}

// Intl has no words for quarters or week numbers; Dutch says "kwartaal" (K1) and writes "week 9 2026".
const QUARTER: Record<Locale, string> = { en: 'Q', nl: 'K' }
const WEEK_OF: Record<Locale, string> = { en: 'week of', nl: 'week van' }
const WEEK_NUMBER: Record<Locale, (week: number, year: string) => string> = {
  en: (week, year) => `Week ${week}, ${year}`,
  nl: (week, year) => `week ${week} ${year}`,
}

/** "2026-Q1" → "Q1 2026" / "K1 2026"; a fiscal "FY2026/27 Q1" keeps its year name: "Q1 FY2026/27". */
function quarterLabel(label: string, locale: Locale): string | undefined {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label) ?? /^(FY\d{4}\/\d{2}) Q([1-4])$/.exec(label)
  return quarter ? `${QUARTER[locale]}${quarter[2]} ${quarter[1]}` : undefined
}

const quarterOf = (date: Date) => Math.floor(date.getUTCMonth() / 3) + 1

/** Noon UTC of a calendar date keeps that date whatever the browser's time zone. */
function noonUtc(localDate: string): Date {
  const [year, month, day] = localDate.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(year, month - 1, day, 12))
}

function formatUtc(locale: Locale, date: Date, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: 'UTC', ...options }).format(date)
}
