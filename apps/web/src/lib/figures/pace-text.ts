import { paceNeed } from '@kpi/domain/pace'
import type { MessageKey, MessageVars } from '../../i18n/messages.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'
import type { Accumulation, Direction, Unit } from '@kpi/domain/kpis/define-kpi'

type T = (key: MessageKey, vars?: MessageVars) => string

/**
 * What is still needed to reach the full-period target, in words a person can act on — for the rep or their
 * team. The arithmetic (whole things for counts, amounts rounded up per working day) is the domain's `paceNeed`,
 * which the digests phrase too (apps/api/src/digests/words.ts), so both say the same. Empty where there is no
 * pace line (no target, no value, KPIs that do not add up over days, lower is better).
 */
export function paceText(
  kpi: DashboardKpi,
  remainingDays: number,
  text: (n: number) => string,
  t: T,
  who: 'you' | 'team' = 'you',
): string {
  const need = paceNeed(
    {
      target: kpi.target?.full ?? null,
      gapToFull: kpi.target?.gapToFull ?? null,
      accumulation: kpi.accumulation as Accumulation,
      direction: kpi.direction as Direction,
      unit: kpi.unit as Unit,
      fractionDigits: kpi.format.maximumFractionDigits,
    },
    remainingDays,
  )
  if (need === null) return ''
  const team = who === 'team'
  const target = text(need.target)
  switch (need.kind) {
    case 'reached':
      return t(team ? 'myTargets.teamReached' : 'myTargets.reached', { target })
    case 'no-days-left':
      return t(team ? 'myTargets.teamNoDaysLeft' : 'myTargets.noDaysLeft', { target, gap: text(need.gap) })
    case 'one-more':
      return t(team ? 'myTargets.teamPaceOne' : 'myTargets.paceOne', { target, days: need.days })
    case 'per-day':
    case 'every': {
      const rate =
        need.kind === 'per-day'
          ? t('myTargets.ratePerDay', { amount: text(need.amount) })
          : t('myTargets.rateEvery', { every: need.every })
      return t(team ? 'myTargets.teamPace' : 'myTargets.pace', { target, rate, need: text(need.need), days: need.days })
    }
  }
}
