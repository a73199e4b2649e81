import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import { numberOf } from '../../lib/figures/gauge-props.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'

type T = (key: MessageKey, vars?: MessageVars) => string

/**
 * What is needed per remaining working day to reach the full-period target, in plain words — for the rep
 * ("To reach €20,000 you need €1,250 per working day for the 4 working days left.") or for their team; when no
 * working day is left (the evening of a period's last day, a weekend at its end) what is still short. Empty for
 * KPIs that do not add up over days (rates, averages) or without a target.
 */
export function paceText(
  kpi: DashboardKpi,
  remainingDays: number,
  text: (n: number) => string,
  t: T,
  who: 'you' | 'team' = 'you',
): string {
  const pace = numberOf(kpi.target?.pacePerDay)
  if (!kpi.target || kpi.accumulation !== 'sum') return ''
  const target = text(kpi.target.full)
  const gap = kpi.target.gapToFull
  if (pace === null) {
    // No value: no working day left while the target is not met (the API's 'zero-denominator').
    if (remainingDays !== 0 || gap === null || gap <= 0) return ''
    return t(who === 'you' ? 'myTargets.noDaysLeft' : 'myTargets.teamNoDaysLeft', { target, gap: text(gap) })
  }
  if (who === 'you') {
    if (pace <= 0) return t('myTargets.reached', { target })
    return t('myTargets.pace', { target, pace: text(pace), days: remainingDays })
  }
  if (pace <= 0) return t('myTargets.teamReached', { target })
  return t('myTargets.teamPace', { target, pace: text(pace), days: remainingDays })
}
