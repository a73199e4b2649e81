import { describe, expect, test } from 'vitest'
import { translate } from '../../i18n/messages.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { paceText } from './pace-text.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'

const euros = (n: number) => `€${n.toLocaleString('en-GB')}`
const plain = (n: number) => n.toLocaleString('en-GB')
const en = (key: MessageKey, vars?: MessageVars) => translate('en', key, vars)
const nl = (key: MessageKey, vars?: MessageVars) => translate('nl', key, vars)

/** A 'sum' KPI with `actual` so far against `full`, as the API answers it (gapToFull = full − actual). */
function kpi(unit: 'money' | 'count', full: number, actual: number): DashboardKpi {
  return {
    key: unit === 'money' ? 'revenue.won' : 'deals.won_count',
    unit,
    direction: 'higher',
    accumulation: 'sum',
    format: { maximumFractionDigits: 0 },
    target: { full, comparison: full, gapToFull: full - actual },
  } as unknown as DashboardKpi
}

describe('pace for counts: whole things, never 0 a day', () => {
  test.each([
    // 8 − 3 = 5 over 19 days: one today, then one every ⌊(19 − 1) ÷ (5 − 1)⌋ = 4 working days → 5 by the end
    {
      full: 8,
      actual: 3,
      days: 19,
      text: 'To reach 8: 1 more every 4 working days (5 still needed, 19 working days left).',
    },
    // 60 − 20 = 40 over 19 days = 2.1 a day → 2 (nearest whole, at least 1)
    {
      full: 60,
      actual: 20,
      days: 19,
      text: 'To reach 60: 2 more per working day (40 still needed, 19 working days left).',
    },
    // 5 over 5 days = exactly 1 a day
    { full: 8, actual: 3, days: 5, text: 'To reach 8: 1 more per working day (5 still needed, 5 working days left).' },
    // 2 over 19 days: one today, one ⌊18 ÷ 1⌋ = 18 working days later
    {
      full: 8,
      actual: 6,
      days: 19,
      text: 'To reach 8: 1 more every 18 working days (2 still needed, 19 working days left).',
    },
    // A split target of 7.5 with 3.3 done: 4.2 short is 5 whole things
    {
      full: 7.5,
      actual: 3.3,
      days: 19,
      text: 'To reach 7.5: 1 more every 4 working days (5 still needed, 19 working days left).',
    },
    { full: 8, actual: 7, days: 19, text: 'To reach 8: 1 more in the 19 working days left.' },
    { full: 8, actual: 7, days: 1, text: 'To reach 8: 1 more in the last working day.' },
    { full: 8, actual: 8, days: 19, text: 'Target 8 reached. Well done.' },
    { full: 8, actual: 3, days: 0, text: 'No working days left: 5 short of 8.' },
  ])('$actual of $full, $days days left', ({ full, actual, days, text }) => {
    expect(paceText(kpi('count', full, actual), days, plain, en)).toBe(text)
  })

  test('in Dutch', () => {
    expect(paceText(kpi('count', 8, 3), 19, plain, nl)).toBe(
      'Om 8 te halen: elke 4 werkdagen 1 extra (nog 5 nodig, 19 werkdagen te gaan).',
    )
    expect(paceText(kpi('count', 8, 7), 19, plain, nl)).toBe('Om 8 te halen: nog 1 in de 19 resterende werkdagen.')
  })
})

describe('pace for money: rounded up to whole currency units', () => {
  test.each([
    // 20 000 − 15 000 = 5 000 over 4 days = 1 250 a day
    {
      won: 15_000,
      days: 4,
      who: 'you',
      text: 'To reach €20,000: €1,250 more per working day (€5,000 still needed, 4 working days left).',
    },
    // 20 000 − 13 829.40 = 6 170.60 over 5 days = 1 234.12 → €1,235 (never below what is needed)
    {
      won: 13_829.4,
      days: 5,
      who: 'team',
      text: 'For the team to reach €20,000: €1,235 more per working day (€6,170.6 still needed, 5 working days left).',
    },
    { won: 21_000, days: 4, who: 'you', text: 'Target €20,000 reached. Well done.' },
    // The evening of the period's last working day: nothing to spread, 5 000 still short.
    { won: 15_000, days: 0, who: 'you', text: 'No working days left: €5,000 short of €20,000.' },
    { won: 15_000, days: 0, who: 'team', text: 'No working days left: the team is €5,000 short of €20,000.' },
    { won: 20_000, days: 0, who: 'team', text: 'The team has reached its target of €20,000.' },
  ] as const)('$who, $won won, $days days left', ({ won, days, who, text }) => {
    expect(paceText(kpi('money', 20_000, won), days, euros, en, who)).toBe(text)
  })

  test('in Dutch, with no working days left', () => {
    expect(paceText(kpi('money', 20_000, 15_000), 0, euros, nl, 'team')).toBe(
      'Geen werkdagen meer: het team komt €5,000 tekort voor €20,000.',
    )
  })
})
