import { useQuery } from '@tanstack/react-query'
import { STATUS_STYLE } from '../../components/gauge/gauge-status.ts'
import type { Locale } from '../../i18n/format.ts'
import { useT } from '../../i18n/i18n.tsx'
import { dashboardQuery } from '../../lib/figures/dashboard.queries.ts'
import { kpiText, numberOf, shownProRated } from '../../lib/figures/gauge-props.ts'
import { paceText } from '../../lib/figures/pace-text.ts'
import type { DashboardKpi } from '@kpi/contract/dashboard'

/**
 * The rep's team, same month, same KPIs: the team total against the team target and what the team still needs per
 * working day. Reps may read their own team's totals (apps/api/src/auth/access.ts), not their teammates' figures.
 */
export function TeamTotals(props: {
  team: { id: number; name: string }
  kpiKeys: string[]
  locale: Locale
  currency: string
}) {
  const { team, kpiKeys, locale, currency } = props
  const t = useT()
  const query = useQuery(dashboardQuery({ scope: `team:${team.id}`, period: 'month', date: '', locale }))
  const data = query.data
  const all = data?.focusAreas.flatMap((area) => area.kpis) ?? []
  const kpis = kpiKeys.length > 0 ? all.filter((kpi) => kpiKeys.includes(kpi.key)) : all.filter((kpi) => kpi.target)
  const headingId = `team-totals-${team.id}`
  return (
    <section className="panel team-totals" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('myTargets.teamTotals', { team: team.name })}</h2>
      {query.isPending ? (
        <p className="page-loading">{t('common.loading')}</p>
      ) : query.isError ? (
        <p role="alert">{t('common.error', { message: query.error.message })}</p>
      ) : kpis.length === 0 ? (
        <p>{t('dashboard.empty')}</p>
      ) : (
        <div className="team-totals-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('myTargets.teamKpi')}</th>
                <th scope="col">{t('myTargets.teamValue')}</th>
                <th scope="col">{t('myTargets.teamTarget')}</th>
                <th scope="col">{t('myTargets.teamNeeded')}</th>
              </tr>
            </thead>
            <tbody>
              {kpis.map((kpi) => (
                <TeamRow
                  key={kpi.key}
                  kpi={kpi}
                  remainingDays={data!.workingDays.remaining}
                  text={(n) => kpiText(kpi, n, locale, currency)}
                  proRatedText={shownProRated(kpi, locale, currency)?.text}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function TeamRow(props: {
  kpi: DashboardKpi
  remainingDays: number
  text: (n: number) => string
  proRatedText: string | undefined
}) {
  const { kpi, remainingDays, text, proRatedText } = props
  const t = useT()
  const value = numberOf(kpi.value)
  const style = STATUS_STYLE[kpi.status]
  const target = kpi.target
  return (
    <tr data-kpi={kpi.key}>
      <th scope="row">{kpi.name}</th>
      <td className="num">
        {value === null ? '—' : text(value)}{' '}
        <span className="team-status" style={{ color: style.text, background: style.tint }}>
          <span aria-hidden="true">{style.icon} </span>
          {t(style.label)}
        </span>
      </td>
      <td className="target">
        {!target
          ? t('myTargets.teamNoTarget')
          : target.comparison !== target.full
            ? t('gauge.targetProRated', { target: text(target.full), proRated: proRatedText ?? '' })
            : t('gauge.target', { target: text(target.full) })}
      </td>
      <td className="needed">{paceText(kpi, remainingDays, text, t, 'team')}</td>
    </tr>
  )
}
