import { describe, expect, test } from 'vitest'
import { translate } from '../../i18n/messages.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { derivedTargetNote } from './gauge-props.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'

const t = (locale: 'en' | 'nl') => (key: MessageKey, vars?: MessageVars) => translate(locale, key, vars)
const withFrom = (derivedFrom?: { type: string; label: string; startDate: string }[]) =>
  ({ target: { full: 40, comparison: 20, derivedFrom } }) as unknown as DashboardKpi
const december = { type: 'month', label: '2026-12', startDate: '2026-12-01' }
const january = { type: 'month', label: '2027-01', startDate: '2027-01-01' }

describe('where a derived day or week target came from', () => {
  test('one month, and a week across two months', () => {
    expect(derivedTargetNote(withFrom([december]), 'en', t('en'))).toBe('Derived from the December 2026 target')
    expect(derivedTargetNote(withFrom([december, january]), 'en', t('en'))).toBe(
      'Derived from the December 2026 and January 2027 targets',
    )
  })

  test('in Dutch', () => {
    expect(derivedTargetNote(withFrom([december]), 'nl', t('nl'))).toBe('Afgeleid van het doel voor december 2026')
    expect(derivedTargetNote(withFrom([december, january]), 'nl', t('nl'))).toBe(
      'Afgeleid van de doelen voor december 2026 en januari 2027',
    )
  })

  test('a day derived from its week; nothing for a target set as is', () => {
    const week = { type: 'week', label: '2026-W53', startDate: '2026-12-28' }
    expect(derivedTargetNote(withFrom([week]), 'en', t('en'))).toBe('Derived from the Week 53, 2026 target')
    expect(derivedTargetNote(withFrom(undefined), 'en', t('en'))).toBeUndefined()
  })
})
