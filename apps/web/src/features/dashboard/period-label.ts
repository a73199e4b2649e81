import type { Locale } from '../../i18n/format.ts'

/**
 * A period as people say it, in the chosen locale: "November 2026", "Q4 2026", "2026", "week of 23 Nov 2026",
 * "25 Nov 2026". The API's label ("2026-11") is language-neutral, so the words are made here with Intl.
 */
export function periodLabel(period: { type: string; startDate: string; label: string }, locale: Locale): string {
  const [year, month, day] = period.startDate.split('-').map(Number) as [number, number, number]
  // Noon UTC keeps the calendar date whatever the browser's time zone.
  const date = new Date(Date.UTC(year, month - 1, day, 12))
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { timeZone: 'UTC', ...options }).format(date)
  switch (period.type) {
    case 'year':
      return String(year)
    case 'quarter':
      return period.label.includes('Q') ? period.label : `Q${Math.floor((month - 1) / 3) + 1} ${year}`
    case 'month':
      return format({ month: 'long', year: 'numeric' })
    case 'week':
      return `${locale === 'nl' ? 'week van' : 'week of'} ${format({ day: 'numeric', month: 'short', year: 'numeric' })}`
    default:
      return format({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
  }
}
