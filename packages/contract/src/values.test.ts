import { expect, test } from 'vitest'
import { CalendarDate, Instant, PeriodDate } from './date.ts'
import { IdParam } from './id.ts'
import { PlainText } from './text.ts'

// The refinements the API's hardening tests rely on, checked here where they live: the web parses with the same.

test.each([
  { text: '1000-01-01', ok: true },
  { text: '9999-12-31', ok: true },
  { text: '0999-12-31', ok: false }, // below year 1000
  { text: '2026-02-29', ok: false }, // 2026 is no leap year
  { text: '2028-02-29', ok: true },
])('CalendarDate $text → $ok', ({ text, ok }) => {
  expect(CalendarDate.safeParse(text).success).toBe(ok)
})

test.each([
  { text: '9899-12-31', ok: true },
  { text: '9900-01-01', ok: false }, // a century of room for trends and copy-forward
])('PeriodDate $text → $ok', ({ text, ok }) => {
  expect(PeriodDate.safeParse(text).success).toBe(ok)
})

test.each([
  { text: '1000-01-01T00:00+14:00', ok: true }, // 0999-12-31T10:00Z, the first instant a bare 1000-01-01 can be
  { text: '9999-12-31T23:59:59-14:00', ok: false }, // 10000-01-01 in UTC
  { text: '2026-03-01T24:00Z', ok: false },
  { text: '2026-03-15T14:30:00', ok: true }, // no offset: local time in the organisation's zone
  { text: '9999-12-31T11:59:59', ok: true }, // still in year 9999 at UTC−12
  { text: '9999-12-31T12:00:00', ok: false }, // 10000-01-01 in UTC at UTC−12
])('Instant $text → $ok', ({ text, ok }) => {
  expect(Instant.safeParse(text).success).toBe(ok)
})

test.each([
  { text: '42', parsed: 42 },
  { text: '2147483647', parsed: 2_147_483_647 },
  { text: '2147483648', parsed: undefined }, // past int4
  { text: '05', parsed: undefined },
  { text: '1e3', parsed: undefined },
  { text: '0x10', parsed: undefined },
  { text: ' 5', parsed: undefined },
])('IdParam $text → $parsed', ({ text, parsed }) => {
  const result = IdParam.safeParse(text)
  expect(result.success ? result.data : undefined).toBe(parsed)
})

test('PlainText refuses U+0000 and names why', () => {
  expect(PlainText.safeParse('a\u0000b').error?.issues[0]?.message).toBe('must not contain the NUL character (U+0000)')
  expect(PlainText.safeParse('a b').success).toBe(true)
})
