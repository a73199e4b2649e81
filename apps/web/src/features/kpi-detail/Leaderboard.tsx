import { StatusChip } from '../../components/gauge/Gauge.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { Link } from '@tanstack/react-router'
import type { FigureSearchValues } from '../../lib/figures/figure-params.ts'
import { rankLeaderboard } from './leaderboard.ts'
import type { LeaderboardRow } from '@kpi/contract/dashboard'

type LeaderboardProps = {
  rows: readonly LeaderboardRow[]
  direction: 'higher' | 'lower' | 'neutral'
  /** Number text in the KPI's unit and the locale. */
  format: (value: number) => string
  /** The KPI shown: each rep links to their own detail of it. */
  kpiKey: string
  /** The query of a rep's own detail (same period); the API lists only reps the viewer may open. */
  repSearch: (repKey: string) => FigureSearchValues
  /** A rep looking at their team with the team leaderboard off: their own line only, and the board says why. */
  ownLineOnly?: boolean
}

/** The reps compared on one KPI, best first, each with target and status (label and icon, not colour alone). */
export function Leaderboard({ rows, direction, format, kpiKey, repSearch, ownLineOnly }: LeaderboardProps) {
  const t = useT()
  if (rows.length === 0) return <p className="empty-state">{t('kpi.leaderboardEmpty')}</p>
  const ranked = rankLeaderboard(rows, direction)
  return (
    <>
      {ownLineOnly && <p className="notice">{t('kpi.leaderboardOff')}</p>}
      <table className="data-table leaderboard" aria-label={t('kpi.leaderboard')}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('kpi.rank')}
            </th>
            <th scope="col">{t('kpi.rep')}</th>
            <th scope="col" className="num">
              {t('kpi.value')}
            </th>
            <th scope="col" className="num">
              {t('kpi.target')}
            </th>
            <th scope="col">{t('kpi.status')}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((row) => (
            <tr key={row.key} data-status={row.status}>
              <td className="num">{row.rank ?? '–'}</td>
              <th scope="row">
                <Link
                  to="/kpi/$kpiKey"
                  params={{ kpiKey }}
                  search={repSearch(row.key)}
                  aria-label={t('kpi.openRep', { name: row.name })}
                >
                  {row.name}
                </Link>
              </th>
              <td className="num">{row.value.kind === 'value' ? format(row.value.value) : '—'}</td>
              <td className="num">{row.target === null ? '—' : format(row.target)}</td>
              <td>
                <StatusChip status={row.status} text={t(`status.${row.status}`)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
