import { describe, expect, test } from 'vitest'
import { actionsIn, inLanguage } from './bilingual.ts'

describe('bilingual texts', () => {
  test.each([
    { en: 'Call them', nl: 'Bel ze', locale: 'nl' as const, expected: 'Bel ze' }, // own language
    { en: 'Call them', nl: '', locale: 'nl' as const, expected: 'Call them' }, // untranslated: the other one
    { en: '  ', nl: 'Bel ze', locale: 'en' as const, expected: 'Bel ze' }, // blank counts as empty
    { en: '', nl: '', locale: 'en' as const, expected: '' },
  ])('$locale of en "$en" / nl "$nl" is "$expected"', ({ en, nl, locale, expected }) => {
    expect(inLanguage({ en, nl }, locale)).toBe(expected)
  })

  test('each level falls back on its own', () => {
    const actions = {
      en: { green: [], orange: ['Plan calls'], red: ['Escalate'] },
      nl: { green: [], orange: ['Bel ze terug'], red: [] },
    }
    expect(actionsIn(actions, 'nl')).toEqual({ green: [], orange: ['Bel ze terug'], red: ['Escalate'] })
    expect(actionsIn(actions, 'en')).toEqual({ green: [], orange: ['Plan calls'], red: ['Escalate'] })
  })
})
