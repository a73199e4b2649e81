import type { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, test } from 'vitest'
import en from './en.json'
import nl from './nl.json'
import { compile, translate } from './messages.ts'
import type { MessageKey } from './messages.ts'

type MessageFormatElement = ReturnType<IntlMessageFormat['getAst']>[number]

/** The variable names a message uses, plural arguments and those inside plural branches included. */
function variables(elements: MessageFormatElement[]): string[] {
  return elements.flatMap((el) => [
    ...('value' in el && el.type !== 0 && typeof el.value === 'string' ? [el.value] : []),
    ...('options' in el
      ? Object.values(el.options).flatMap((option: { value: MessageFormatElement[] }) => variables(option.value))
      : []),
  ])
}
const varsOf = (locale: 'en' | 'nl', message: string) =>
  [...new Set(variables(compile(locale, message).getAst()))].sort()

describe('catalogues', () => {
  test('Dutch has exactly the English keys, none empty', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort())
    expect(Object.entries(nl).filter(([, v]) => v.trim() === '')).toEqual([])
  })

  test('placeholders match per key, so no translation drops a variable', () => {
    expect(varsOf('nl', nl['import.done'])).toEqual(['inserted', 'rows', 'unchanged', 'updated'])
    for (const key of Object.keys(en) as MessageKey[])
      expect([key, varsOf('nl', nl[key])]).toEqual([key, varsOf('en', en[key])])
  })

  test('a count is never pasted before a fixed plural noun: "{count} KPIs" is an ICU plural instead', () => {
    const pasted = /\{(count|rows|created|skipped)\} (KPIs|KPI's|rows|rijen|records|periods|perioden|targets|doelen)/
    expect(Object.entries({ ...en }).filter(([, v]) => pasted.test(v))).toEqual([])
    expect(Object.entries({ ...nl }).filter(([, v]) => pasted.test(v))).toEqual([])
  })
})

describe('translate', () => {
  test('fills variables', () => {
    expect(translate('nl', 'gauge.targetProRated', { target: '€ 100', proRated: '€ 60' })).toBe(
      'Doel € 100 (naar rato € 60)',
    )
  })

  test('leaves an unfilled placeholder visible', () => {
    expect(translate('en', 'gauge.target', {})).toBe('Target {target}')
  })

  test.each([
    { locale: 'en', count: 1, expected: '1 KPI' },
    { locale: 'en', count: 2, expected: '2 KPIs' },
    { locale: 'en', count: 0, expected: '0 KPIs' }, // English: zero takes the plural
    { locale: 'nl', count: 1, expected: '1 KPI' },
    { locale: 'nl', count: 2, expected: "2 KPI's" },
  ] as const)('$locale: $count → "$expected"', ({ locale, count, expected }) => {
    expect(translate(locale, 'dashboard.areaCount', { count })).toBe(expected)
  })

  test.each([
    { locale: 'en', rows: 1, expected: 'Imported 1 row: 1 new, 0 updated, 0 unchanged.' },
    { locale: 'en', rows: 3, expected: 'Imported 3 rows: 3 new, 0 updated, 0 unchanged.' },
    { locale: 'nl', rows: 1, expected: '1 rij geïmporteerd: 1 nieuw, 0 bijgewerkt, 0 ongewijzigd.' },
    { locale: 'nl', rows: 3, expected: '3 rijen geïmporteerd: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd.' },
  ] as const)('$locale: import of $rows', ({ locale, rows, expected }) => {
    expect(translate(locale, 'import.done', { rows, inserted: rows, updated: 0, unchanged: 0 })).toBe(expected)
  })

  test('# is the count in the locale’s digits: 12,345 records (en), 12.345 records (nl)', () => {
    expect(translate('en', 'kpi.recordsCount', { count: 12345 })).toBe('12,345 records')
    expect(translate('nl', 'kpi.recordsCount', { count: 12345 })).toBe('12.345 records')
    expect(translate('nl', 'kpi.recordsCount', { count: 1 })).toBe('1 record')
  })

  test('two plurals in one message each follow their own count', () => {
    expect(translate('en', 'admin.targets.copied', { created: 1, skipped: 2 })).toBe(
      '1 target copied, 2 periods already had one.',
    )
    expect(translate('nl', 'admin.targets.copied', { created: 2, skipped: 1 })).toBe(
      '2 doelen gekopieerd, 1 periode had er al een.',
    )
  })
})
