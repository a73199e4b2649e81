import { describe, expect, test } from 'vitest'
import { formatDate, formatMoney, formatMoneyCompact, formatNumber, formatPercent } from './format.ts'

// Intl inserts non-breaking spaces (U+00A0) between the euro sign and the amount in Dutch; normalise for reading.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('formatters per locale', () => {
  test.each([
    { locale: 'en' as const, expected: '12,346' },
    { locale: 'nl' as const, expected: '12.346' },
  ])('number $locale', ({ locale, expected }) => {
    expect(formatNumber(locale, 12345.6)).toBe(expected) // rounded to 0 decimals
  })

  test.each([
    { locale: 'en' as const, amount: 84000, expected: '€84,000' },
    { locale: 'nl' as const, amount: 84000, expected: '€ 84.000' },
    { locale: 'en' as const, amount: '1234.5' as const, expected: '€1,234.50' },
    // 0.1 + 0.2 as a float is 0.30000000000000004; the exact decimal string must print 0.30
    { locale: 'nl' as const, amount: '0.30' as const, expected: '€ 0,30' },
  ])('money $locale $amount', ({ locale, amount, expected }) => {
    expect(plain(formatMoney(locale, amount, 'EUR'))).toBe(expected)
  })

  test('compact money', () => {
    expect(formatMoneyCompact('en', 1_250_000, 'EUR')).toBe('€1.3m') // CLDR's en-GB abbreviates million as a lower-case m
  })

  test.each([
    { locale: 'en' as const, ratio: 0.84, expected: '84%' },
    { locale: 'nl' as const, ratio: 1.8, expected: '180%' },
    { locale: 'en' as const, ratio: 0.0525, digits: 1, expected: '5.3%' }, // 5.25 rounds half-expand to 5.3
  ])('percent $locale $ratio', ({ locale, ratio, digits, expected }) => {
    expect(plain(formatPercent(locale, ratio, digits))).toBe(expected)
  })

  test('dates are calendar days in Amsterdam, not UTC', () => {
    // 23:30 UTC on 31 Dec is already 00:30 on 1 Jan in Amsterdam (UTC+1 in winter)
    const instant = new Date('2026-12-31T23:30:00Z')
    expect(formatDate('en', instant)).toBe('1 Jan 2027')
    expect(formatDate('nl', instant, 'long')).toBe('1 januari 2027')
  })
})
