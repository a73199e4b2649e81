import { describe, expect, test } from 'vitest'
import en from './en.json'
import nl from './nl.json'
import { translate } from './messages.ts'

describe('catalogues', () => {
  test('Dutch has exactly the English keys, none empty', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort())
    expect(Object.entries(nl).filter(([, v]) => v.trim() === '')).toEqual([])
  })

  test('placeholders match per key, so no translation drops a variable', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect([key, vars(nl[key])]).toEqual([key, vars(en[key])])
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
})
