import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { useMe } from '../../lib/session/auth.queries.ts'
import { dashboardQuery } from '../../lib/figures/dashboard.queries.ts'
import { kpiText, toGaugeProps } from '../../lib/figures/gauge-props.ts'
import { periodLabel } from '../../lib/figures/period-label.ts'
import { LogActivity } from './LogActivity.tsx'
import { NoPersonalTargets } from './NoPersonalTargets.tsx'
import { paceText } from '../../lib/figures/pace-text.ts'
import { RecentActivities } from './RecentActivities.tsx'
import { TeamTotals } from './TeamTotals.tsx'
import '../../components/focus-area/focus-area.css'
import './my-targets.css'

/**
 * The rep's own gauges (the API's default scope for a rep is rep:<self>), the pace needed, "Log activity", and
 * their team's totals for the same KPIs.
 */
export function MyTargetsPage() {
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  const me = useMe()
  const navigate = useNavigate()
  const scope = me ? `rep:${me.user.id}` : ''
  const query = useQuery(dashboardQuery({ scope, period: 'month', date: '', locale }))
  const currency = me?.organization.currency ?? 'EUR'
  const data = query.data
  const kpis = data?.focusAreas.flatMap((area) => area.kpis).filter((kpi) => kpi.target !== null) ?? []
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('myTargets.title')}</h1>
          {data && <p className="page-sub">{periodLabel(data.period, locale)}</p>}
        </div>
        {me && <LogActivity userId={me.user.id} />}
      </div>
      {query.isPending ? (
        <p className="page-loading">{t('common.loading')}</p>
      ) : query.isError ? (
        <div className="page-error" role="alert">
          <p>{t('common.error', { message: query.error.message })}</p>
        </div>
      ) : kpis.length === 0 ? (
        me && <NoPersonalTargets role={me.user.role} />
      ) : (
        <div className="focus-area-gauges my-targets" data-count={kpis.length}>
          {kpis.map((kpi) => (
            <div key={kpi.key} className="my-target">
              <Gauge
                {...toGaugeProps(kpi, {
                  locale,
                  currency,
                  fmt,
                  t,
                  onOpen: () => void navigate({ to: '/kpi/$kpiKey', params: { kpiKey: kpi.key }, search: { scope } }),
                })}
              />
              <p className="pace">
                {paceText(kpi, data!.workingDays.remaining, (n) => kpiText(kpi, n, locale, currency), t)}
              </p>
            </div>
          ))}
        </div>
      )}
      {me && <RecentActivities userId={me.user.id} timeZone={me.organization.timeZone} />}
      {me?.user.team && !query.isPending && (
        <TeamTotals team={me.user.team} kpiKeys={kpis.map((kpi) => kpi.key)} locale={locale} currency={currency} />
      )}
    </>
  )
}
