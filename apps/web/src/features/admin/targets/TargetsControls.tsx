import type { PeriodType } from '@kpi/domain/periods'
import { useLocale, useT } from '../../../i18n/i18n.tsx'
import type { MessageKey } from '../../../i18n/messages.ts'

const PERIODS: PeriodType[] = ['week', 'month', 'quarter', 'year']

/** `region` set: the grid shows the region and its teams; else `team` and its reps. */
export type GridAxes = {
  team: number | null
  region: number | null
  kpiKey: string
  periodType: PeriodType
  from: string
  count: number
}

/**
 * What the grid shows: team, KPI, period type, first period and how many. Changing an axis goes through
 * `onAxis`, which may refuse (typed cells would be dropped); the count only adds or hides columns.
 */
export function TargetsControls(props: {
  axes: GridAxes
  teams: { id: number; name: string }[]
  regions: { id: number; name: string }[]
  kpis: { key: string; name: Record<'en' | 'nl', string> }[]
  onAxis: (change: Partial<GridAxes>) => void
  onCount: (count: number) => void
}) {
  const t = useT()
  const { locale } = useLocale()
  const { axes, onAxis } = props
  return (
    <div className="grid-controls">
      <div className="field">
        <label htmlFor="targets-team">{t('admin.targets.team')}</label>
        <select
          id="targets-team"
          value={axes.region !== null ? `region:${axes.region}` : (axes.team ?? '')}
          onChange={(e) => {
            const [kind, id] = e.target.value.split(':')
            onAxis(kind === 'region' ? { region: Number(id) } : { team: Number(kind), region: null })
          }}
        >
          {props.teams.map((tm) => (
            <option key={tm.id} value={tm.id}>
              {tm.name}
            </option>
          ))}
          {props.regions.length > 0 && (
            <optgroup label={t('admin.users.regions')}>
              {props.regions.map((r) => (
                <option key={r.id} value={`region:${r.id}`}>
                  {t('dashboard.scopeRegion', { name: r.name })}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <div className="field">
        <label htmlFor="targets-kpi">{t('admin.thresholds.kpi')}</label>
        <select id="targets-kpi" value={axes.kpiKey} onChange={(e) => onAxis({ kpiKey: e.target.value })}>
          {props.kpis.map((k) => (
            <option key={k.key} value={k.key}>
              {k.name[locale]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="targets-period">{t('admin.targets.periodType')}</label>
        <select
          id="targets-period"
          value={axes.periodType}
          onChange={(e) => onAxis({ periodType: e.target.value as PeriodType })}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`admin.targets.period.${p}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="targets-from">{t('admin.targets.from')}</label>
        <input
          id="targets-from"
          type="date"
          value={axes.from}
          onChange={(e) => e.target.value && onAxis({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="targets-count">{t('admin.targets.count')}</label>
        <input
          id="targets-count"
          type="number"
          min={1}
          max={24}
          value={axes.count}
          onChange={(e) => props.onCount(Math.min(24, Math.max(1, Number(e.target.value) || 1)))}
        />
      </div>
    </div>
  )
}
