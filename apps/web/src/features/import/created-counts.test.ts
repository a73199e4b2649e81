import { describe, expect, test } from 'vitest'
import { translate } from '../../i18n/messages.ts'
import { createdLines } from './created-counts.ts'

describe('records created on the way', () => {
  test.each([
    { created: { teams: 3 }, when: 'done' as const, locale: 'en' as const, lines: ['3 teams created'] },
    { created: { teams: 1 }, when: 'check' as const, locale: 'en' as const, lines: ['1 new team will be created'] },
    {
      created: { teams: 2 },
      when: 'check' as const,
      locale: 'nl' as const,
      lines: ['2 nieuwe teams worden aangemaakt'],
    },
    { created: { teams: 0 }, when: 'done' as const, locale: 'en' as const, lines: [] }, // nothing new: no line
    { created: undefined, when: 'done' as const, locale: 'en' as const, lines: [] }, // an import that creates nothing
  ])('$created at the $when step in $locale', ({ created, when, locale, lines }) => {
    expect(createdLines(created, when, (key, vars) => translate(locale, key, vars))).toEqual(lines)
  })
})
