import { useT } from '../../../i18n/i18n.tsx'
import { cellKey } from './target-grid.ts'

type Row = { scope: string; label: string }
type Period = { start: string; label: string }

/** The grid itself: a row per team/rep, a column per period, one input per cell (read-only until `ready`). */
export function TargetsGrid(props: {
  rows: Row[]
  periods: Period[]
  ready: boolean
  cellText: (key: string) => string
  invalid: string[]
  conflictKey: string | undefined
  onEdit: (key: string, text: string) => void
}) {
  const t = useT()
  const { rows, periods, invalid } = props
  return (
    <table className="data-table targets-grid">
      <thead>
        <tr>
          <th scope="col">{t('admin.targets.who')}</th>
          {periods.map((p) => (
            <th key={p.start} scope="col">
              {p.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.scope}>
            <th scope="row">{row.label}</th>
            {periods.map((p) => {
              const key = cellKey(row.scope, p.start)
              const bad = invalid.includes(key)
              return (
                <td key={key} data-error={bad || props.conflictKey === key}>
                  <input
                    aria-label={t('admin.targets.cell', { who: row.label, period: p.label })}
                    inputMode="decimal"
                    value={props.cellText(key)}
                    aria-invalid={bad}
                    {...(bad ? { 'aria-describedby': 'targets-invalid' } : {})}
                    readOnly={!props.ready}
                    onChange={(e) => props.onEdit(key, e.target.value)}
                  />
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
