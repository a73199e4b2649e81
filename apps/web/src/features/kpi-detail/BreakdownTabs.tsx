import { useId, useState, type KeyboardEvent } from 'react'
import { useFormat, useT } from '../../i18n/i18n.tsx'
import type { BreakdownRow } from '@kpi/contract/dashboard'
import { codeLabel, type CodeKind } from '../../i18n/code-labels.ts'

export type BreakdownBy = 'segment' | 'product' | 'channel'

type BreakdownTabsProps = {
  groups: Record<BreakdownBy, readonly BreakdownRow[]>
  /** Sum KPIs add up, so each line's share of the total means something; rates and means do not. */
  showShare: boolean
  format: (value: number) => string
  downloadHref: (by: BreakdownBy) => string
}

const ORDER: BreakdownBy[] = ['segment', 'product', 'channel']
// Which labels each split's names get; "(none)" is labelled in every split.
const BREAKDOWN_CODES: Record<BreakdownBy, CodeKind> = {
  segment: 'segment',
  product: 'productCategory',
  channel: 'channel',
}

/** The KPI split per customer segment, product category or lead channel: only the splits this KPI has. */
export function BreakdownTabs({ groups, showShare, format, downloadHref }: BreakdownTabsProps) {
  const t = useT()
  const fmt = useFormat()
  const id = useId()
  const present = ORDER.filter((by) => groups[by].length > 0)
  const [chosen, setChosen] = useState<BreakdownBy | null>(null)
  if (present.length === 0) return <p className="empty-state">{t('kpi.breakdownEmpty')}</p>
  const active = chosen !== null && present.includes(chosen) ? chosen : present[0]!
  const rows = groups[active]
  const total = rows.reduce((sum, r) => sum + (r.value.kind === 'value' ? r.value.value : 0), 0)

  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    const next = present[(present.indexOf(active) + step + present.length) % present.length]!
    setChosen(next)
    document.getElementById(`${id}-tab-${next}`)?.focus()
  }

  return (
    <div className="breakdown">
      <div className="breakdown-head">
        <div role="tablist" aria-label={t('kpi.breakdown')}>
          {present.map((by) => (
            <button
              key={by}
              id={`${id}-tab-${by}`}
              type="button"
              role="tab"
              aria-selected={by === active}
              aria-controls={`${id}-panel`}
              tabIndex={by === active ? 0 : -1}
              onClick={() => setChosen(by)}
              onKeyDown={onKeyDown}
            >
              {t(`kpi.by.${by}`)}
            </button>
          ))}
        </div>
        <a className="download-link" href={downloadHref(active)} download>
          {t('kpi.downloadBreakdown')}
        </a>
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`}>
        <table className="data-table" aria-label={t(`kpi.by.${active}`)}>
          <thead>
            <tr>
              <th scope="col">{t(`kpi.by.${active}`)}</th>
              <th scope="col" className="num">
                {t('kpi.value')}
              </th>
              {showShare && (
                <th scope="col" className="num">
                  {t('kpi.share')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{codeLabel(t, BREAKDOWN_CODES[active], row.name)}</th>
                <td className="num">{row.value.kind === 'value' ? format(row.value.value) : '—'}</td>
                {showShare && (
                  <td className="num">
                    {row.value.kind === 'value' && total > 0 ? fmt.percent(row.value.value / total) : '—'}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
