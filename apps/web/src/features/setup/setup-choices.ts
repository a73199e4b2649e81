// The choices the setup form offers, from what the browser's Intl knows — the same lists the API checks against.

/** Every IANA time zone, plus UTC (Intl leaves it out of the list but accepts it, as the API does). */
export function timeZones(): string[] {
  return [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort()
}

/** The browser's own zone: where the person setting up most likely works. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function currencies(): string[] {
  return Intl.supportedValuesOf('currency')
}

/** 1 → "January" (or "januari"), in the page's language. */
export function monthNames(locale: string): { month: number; name: string }[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' })
  return Array.from({ length: 12 }, (_, i) => ({ month: i + 1, name: format.format(Date.UTC(2026, i, 1)) }))
}
