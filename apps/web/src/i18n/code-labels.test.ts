import { describe, expect, test } from 'vitest'
import { RECORD_ENUMS, type RecordEnumKind } from '@kpi/contract/record-enums'
import { codeKey, codeLabel, CODE_KINDS, NONE_CODE } from './code-labels.ts'
import en from './en.json'
import nl from './nl.json'
import { translate } from './messages.ts'

const every = CODE_KINDS.flatMap((kind: RecordEnumKind) => RECORD_ENUMS[kind].map((value) => ({ kind, value })))

describe('labels for stored codes', () => {
  test.each(every)('$kind $value has an English and a Dutch label, neither the code itself', ({ kind, value }) => {
    const key = codeKey(kind, value)
    for (const catalogue of [en, nl] as Record<string, string>[]) {
      expect(catalogue[key], key).toBeTruthy()
      expect(catalogue[key]).not.toBe(value)
    }
  })

  test.each([
    { locale: 'en' as const, kind: 'dealType' as const, value: 'NEW_BUSINESS', expected: 'New business' },
    { locale: 'nl' as const, kind: 'dealType' as const, value: 'CROSS_SELL', expected: 'Cross-sell' },
    { locale: 'nl' as const, kind: 'dealStatus' as const, value: 'WON', expected: 'Gewonnen' },
    { locale: 'nl' as const, kind: 'activityType' as const, value: 'CALL', expected: 'Telefoongesprek' },
    { locale: 'nl' as const, kind: 'segment' as const, value: NONE_CODE, expected: 'Geen' },
    { locale: 'en' as const, kind: 'channel' as const, value: NONE_CODE, expected: 'None' },
    { locale: 'nl' as const, kind: 'channel' as const, value: 'referral', expected: 'Doorverwijzing' },
    // A value the organisation chose itself, without a label, is shown as written.
    { locale: 'nl' as const, kind: 'channel' as const, value: 'Beurs Utrecht', expected: 'Beurs Utrecht' },
  ])('$locale: $kind $value → $expected', ({ locale, kind, value, expected }) => {
    expect(codeLabel((key) => translate(locale, key), kind, value)).toBe(expected)
  })
})
