import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'

type T = (key: MessageKey, vars?: MessageVars) => string

/**
 * What is still needed to reach the full-period target, in words a person can act on — for the rep or their
 * team. Counts are whole things (a shortfall of 4.2 calls is 5 more calls), and a need is never rounded to 0:
 *   - 5 more over 19 working days: "1 more every 4 working days" — one today, then one every
 *     ⌊(19 − 1) ÷ (5 − 1)⌋ = 4 working days makes 5 by the last day (a need below 1 a day);
 *   - 40 more over 19 days: "2 more per working day" (40 ÷ 19 = 2.1, to the nearest whole, at least 1);
 *   - 1 more: "1 more in the 19 working days left".
 * Money and other amounts: per working day rounded *up* at the KPI's precision (€1,234.20 → €1,235).
 * No working day left: what is still short. Empty for KPIs that do not add up over days, or without a target.
 */
export function paceText(
  kpi: DashboardKpi,
  remainingDays: number,
  text: (n: number) => string,
  t: T,
  who: 'you' | 'team' = 'you',
): string {
  if (!kpi.target || kpi.accumulation !== 'sum' || kpi.direction !== 'higher') return ''
  const target = text(kpi.target.full)
  const gap = kpi.target.gapToFull
  if (gap === null) return ''
  const team = who === 'team'
  if (gap <= 0) return t(team ? 'myTargets.teamReached' : 'myTargets.reached', { target })
  if (remainingDays === 0)
    return t(team ? 'myTargets.teamNoDaysLeft' : 'myTargets.noDaysLeft', { target, gap: text(gap) })
  const days = remainingDays
  if (kpi.unit !== 'count') {
    const digits = 10 ** kpi.format.maximumFractionDigits
    const perDay = Math.ceil((gap / days) * digits - 1e-9) / digits
    const rate = t('myTargets.ratePerDay', { amount: text(perDay) })
    return t(team ? 'myTargets.teamPace' : 'myTargets.pace', { target, rate, need: text(gap), days })
  }
  const need = Math.ceil(gap - 1e-9)
  if (need === 1) return t(team ? 'myTargets.teamPaceOne' : 'myTargets.paceOne', { target, days })
  const rate =
    need >= days
      ? t('myTargets.ratePerDay', { amount: text(Math.round(need / days)) })
      : t('myTargets.rateEvery', { every: Math.floor((days - 1) / (need - 1)) })
  return t(team ? 'myTargets.teamPace' : 'myTargets.pace', { target, rate, need: text(need), days })
}
