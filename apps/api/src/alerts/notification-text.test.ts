import { expect, test } from 'vitest'
import { KPIS } from '@kpi/domain/kpis/registry'
import { notificationText } from './notification-text.ts'

// The Dutch KPI name from the registry: the glossary may rename it, the sentence around it is what is tested here.
const nlName = KPIS['deals.win_rate'].name.nl
const december = { type: 'month', label: '2026-12', startDate: '2026-12-01' }
const week49 = { type: 'week', label: '2026-W49', startDate: '2026-11-30' }

test.each([
  { period: december, locale: 'en' as const, text: 'Win rate for Yara de Haan turned green — December 2026' },
  { period: week49, locale: 'en' as const, text: 'Win rate for Yara de Haan turned green — week 49' },
  {
    period: december,
    locale: 'nl' as const,
    text: `${nlName} voor Yara de Haan is groen geworden — december 2026`,
  },
  { period: week49, locale: 'nl' as const, text: `${nlName} voor Yara de Haan is groen geworden — week 49` },
])('the same change for a month and a week says which period ($locale, $period.label)', ({ period, locale, text }) => {
  expect(notificationText('deals.win_rate', 'Yara de Haan', 'green', period, locale)).toBe(text)
})

test('a quarter or a day keeps its language-neutral label', () => {
  const quarter = { type: 'quarter', label: '2026-Q4', startDate: '2026-10-01' }
  expect(notificationText('revenue.won', 'Team North', 'red', quarter, 'en')).toBe(
    'Won revenue for Team North turned red — 2026-Q4',
  )
})
