import { describe, expect, test } from 'vitest'
import { translate } from '../../i18n/messages.ts'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { paceText } from './pace-text.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'

const euros = (n: number) => `€${n.toLocaleString('en-GB')}`
const en = (key: MessageKey, vars?: MessageVars) => translate('en', key, vars)
const nl = (key: MessageKey, vars?: MessageVars) => translate('nl', key, vars)

/** Won revenue with a €20,000 target and `won` so far; the API's pace for `remainingDays` working days. */
function wonRevenue(won: number, remainingDays: number): DashboardKpi {
  const gap = 20_000 - won
  const pacePerDay =
    gap <= 0
      ? { kind: 'value' as const, value: 0 }
      : remainingDays === 0
        ? { kind: 'none' as const, reason: 'zero-denominator' as const }
        : { kind: 'value' as const, value: gap / remainingDays }
  return {
    key: 'revenue.won',
    accumulation: 'sum',
    target: { full: 20_000, comparison: 20_000, gapToFull: gap, pacePerDay },
  } as unknown as DashboardKpi
}

describe('paceText', () => {
  test.each([
    // 20 000 − 15 000 = 5 000 over 4 days = 1 250 a day
    {
      won: 15_000,
      days: 4,
      who: 'you',
      text: 'To reach €20,000 you need €1,250 per working day for the 4 working days left.',
    },
    { won: 21_000, days: 4, who: 'you', text: 'Target €20,000 reached. Well done.' },
    // The evening of the period's last working day: nothing to spread, 5 000 still short.
    { won: 15_000, days: 0, who: 'you', text: 'No working days left: €5,000 short of €20,000.' },
    { won: 15_000, days: 0, who: 'team', text: 'No working days left: the team is €5,000 short of €20,000.' },
    { won: 20_000, days: 0, who: 'team', text: 'The team has reached its target of €20,000.' },
  ] as const)('$who, $won won, $days days left', ({ won, days, who, text }) => {
    expect(paceText(wonRevenue(won, days), days, euros, en, who)).toBe(text)
  })

  test('in Dutch, with no working days left', () => {
    expect(paceText(wonRevenue(15_000, 0), 0, euros, nl, 'team')).toBe(
      'Geen werkdagen meer: het team komt €5,000 tekort voor €20,000.',
    )
  })
})
