// Intl formatters for the two supported locales. Pure functions of (locale, value) so they work outside React
// (CSV export, chart ticks) and in tests; the useFormat() hook binds them to the chosen locale.

export type Locale = 'en' | 'nl'
export const LOCALES: readonly Locale[] = ['en', 'nl']

/** British English keeps day-month order and the 24 h clock that Dutch users also expect from an EU product. */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', nl: 'nl-NL' }

/** The organisation's time zone until the API tells us otherwise (SPEC §3). */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam'

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

// Building an Intl formatter costs far more than using one; a dashboard formats hundreds of numbers per render.
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], options)
    numberFormats.set(key, format)
  }
  return format
}

/** A plain number with grouping: 12345.6 → "12,346" (en) / "12.346" (nl). */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits }).format(value)
}

/**
 * Money in major units with the currency symbol. A decimal string ("84000.10") is formatted exactly, so amounts
 * that the API sends as strings never pass through a float. Whole amounts drop the cents: €84,000 / € 84.000.
 */
export function formatMoney(locale: Locale, amount: number | `${number}`, currency: string): string {
  const whole = Number(amount) % 1 === 0
  const options: Intl.NumberFormatOptions = { style: 'currency', currency, minimumFractionDigits: whole ? 0 : 2 }
  return numberFormat(locale, options).format(amount)
}

/** Compact money for tight spaces (axis ticks, gauge scales): 1250000 → "€1.3m" (en) / "€ 1,3 mln." (nl). */
export function formatMoneyCompact(locale: Locale, amount: number, currency: string): string {
  return numberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(
    amount,
  )
}

/** A ratio as a percentage: 0.84 → "84%". Pass ratios, not percents, as Intl does. */
export function formatPercent(locale: Locale, ratio: number, maximumFractionDigits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits }).format(ratio)
}

export type DateStyle = 'short' | 'medium' | 'long'

/** A calendar date in the organisation's time zone: "25 Nov 2026" (en) / "25 nov 2026" (nl). */
export function formatDate(
  locale: Locale,
  date: Date | string,
  dateStyle: DateStyle = 'medium',
  timeZone: string = DEFAULT_TIME_ZONE,
): string {
  const key = `${locale}|${dateStyle}|${timeZone}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle, timeZone })
    dateFormats.set(key, format)
  }
  return format.format(typeof date === 'string' ? new Date(date) : date)
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Infinity],
]

/** How long ago `instant` was at `nowMs`, in the largest whole unit: "2 hours ago" / "2 uur geleden", "yesterday". */
export function formatTimeAgo(locale: Locale, instant: string, nowMs: number): string {
  let amount = (Date.parse(instant) - nowMs) / 1000
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(amount) < size || unit === 'year') {
      // A clock a little ahead of the server still says "now", not "in 3 seconds".
      const whole = unit === 'second' ? Math.min(0, Math.round(amount)) : Math.round(amount)
      return new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: 'auto' }).format(whole, unit)
    }
    amount /= size
  }
  return instant
}

/** An instant with its date and time of day in the organisation's time zone: "25 Nov 2026, 10:00". */
export function formatDateTime(locale: Locale, instant: string, timeZone: string = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(instant),
  )
}
