import type { KpiValue } from '@kpi/domain/value'
import { useT } from '../../i18n/i18n.tsx'

/** How many records the figure leaves out because a value is unknown (decision 29), from the value's details. */
export function leftOut(value: KpiValue, key: 'unknown-cost'): number {
  const detail = value.details?.find((d) => d.key === key)?.value
  return detail?.kind === 'value' ? detail.value : 0
}

/** What the figure does not count, said under it: "3 won deals of unknown cost are left out". */
export function KpiNotes({ value }: { value: KpiValue }) {
  const t = useT()
  const unknownCost = leftOut(value, 'unknown-cost')
  if (unknownCost === 0) return null
  return (
    <p className="kpi-note" role="note">
      {t('kpi.unknownCostLeftOut', { count: unknownCost })}
    </p>
  )
}
