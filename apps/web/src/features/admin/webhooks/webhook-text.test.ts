import { describe, expect, test } from 'vitest'
import { translate } from '../../../i18n/messages.ts'
import { errorText, maskUrl, scheduleText } from './webhook-text.ts'

describe('maskUrl: the host and the last 4 characters, never the secret path', () => {
  test.each([
    { url: 'https://hooks.slack.com/services/T0001/B0002/abcdEFGHwxyz', shown: 'hooks.slack.com/…/wxyz' },
    // A Teams workflow URL carries its signature in the query: that is masked too.
    {
      url: 'https://prod-01.westeurope.logic.azure.com/workflows/1a2b/triggers/manual/paths/invoke?api-version=2016-06-01&sig=Zx9Q',
      shown: 'prod-01.westeurope.logic.azure.com/…/Zx9Q',
    },
    { url: 'http://127.0.0.1:8080/hook/', shown: '127.0.0.1:8080/…/hook' }, // a trailing slash is not a character worth showing
    { url: 'https://example.com', shown: 'example.com' }, // nothing secret to hide
    { url: 'not a url 1234', shown: '…1234' },
  ])('$url → $shown', ({ url, shown }) => {
    expect(maskUrl(url)).toBe(shown)
  })
})

describe('scheduleText', () => {
  const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate('en', key, vars)
  const nl = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate('nl', key, vars)
  test.each([
    { t: en, intl: 'en-GB', digest: { frequency: 'off', weekday: 1, hour: 8 }, text: 'Zone changes only' },
    { t: en, intl: 'en-GB', digest: { frequency: 'daily', weekday: 3, hour: 7 }, text: 'Daily, 07:00' },
    { t: en, intl: 'en-GB', digest: { frequency: 'weekly', weekday: 1, hour: 8 }, text: 'Weekly, Monday 08:00' },
    { t: en, intl: 'en-GB', digest: { frequency: 'weekly', weekday: 7, hour: 23 }, text: 'Weekly, Sunday 23:00' },
    { t: nl, intl: 'nl-NL', digest: { frequency: 'weekly', weekday: 5, hour: 16 }, text: 'Wekelijks, vrijdag 16:00' },
    { t: nl, intl: 'nl-NL', digest: { frequency: 'off', weekday: 1, hour: 8 }, text: 'Alleen zonewissels' },
  ] as const)('$intl $digest.frequency $digest.weekday $digest.hour → $text', ({ t, intl, digest, text }) => {
    expect(scheduleText(t, intl, digest)).toBe(text)
  })
})

test('errorText words the API’s two fixed reasons in the reader’s language; "HTTP n" stays as it is', () => {
  const nl = (key: Parameters<typeof translate>[1]) => translate('nl', key)
  expect(errorText(nl, 'the receiver could not be reached')).toBe('de ontvanger was niet bereikbaar')
  expect(errorText(nl, 'the receiver address is not public')).toBe('het adres van de ontvanger is niet openbaar')
  expect(errorText(nl, 'HTTP 404')).toBe('HTTP 404')
})
