import { useQuery } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import { FiguresError } from '../../components/feedback/FiguresError.tsx'
import { BulletGraph } from '../../components/gauge/BulletGraph.tsx'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { DEFAULT_TIME_ZONE } from '../../i18n/format.ts'
import { gaugeStyleOf, useMe } from '../../lib/session/auth.queries.ts'
import { FigureControls, figureSearchOf, useFigureParams } from '../../components/figure-controls/FigureControls.tsx'
import { dashboardQuery } from '../../lib/figures/dashboard.queries.ts'
import { toGaugeProps } from '../../lib/figures/gauge-props.ts'
import { periodLabel } from '../../lib/figures/period-label.ts'
import { GaugeStyleSwitch } from './GaugeStyleSwitch.tsx'
import { periodState } from '../../lib/figures/period-state.ts'
import { scopeHeading } from '../../lib/figures/scope-heading.ts'
import { useDocumentTitle } from '../../lib/use-document-title.ts'
import { PrintHeader } from '../../components/layout/PrintHeader.tsx'
import '../../components/focus-area/focus-area.css'

/** The dashboard of one scope (organisation, region, team, rep): focus areas in their configured rank, each with its headline gauges. */
export function DashboardPage() {
  const t = useT()
  const fmt = useFormat()
  const me = useMe()
  const params = useFigureParams()
  const { locale } = useLocale()
  const query = useQuery(dashboardQuery(params))
  const currency = me?.organization.currency ?? 'EUR'
  const data = query.data
  const search = useSearch({ from: '/' })
  const navigate = useNavigate()
  const bullets = gaugeStyleOf(me) === 'bullet'
  const Figure = bullets ? BulletGraph : Gauge

  // Whose figures these are, in the h1, the tab's title and on paper (where the scope picker is gone).
  const heading = data ? scopeHeading(data, me?.user.id, t) : t('dashboard.title')
  useDocumentTitle(heading)

  return (
    <>
      {data && (
        <PrintHeader
          scope={heading}
          period={periodLabel(data.period, locale)}
          timeZone={me?.organization.timeZone ?? DEFAULT_TIME_ZONE}
        />
      )}
      <div className="page-head">
        <div>
          <h1>{heading}</h1>
          {data && <p className="page-sub">{periodLabel(data.period, locale)}</p>}
        </div>
        <div className="page-head-controls">
          <FigureControls
            params={params}
            me={me}
            periodStart={data?.period.startDate}
            periodEnd={data?.period.endDate}
            periodState={data && periodState(data.period, data.now)}
          />
          {me && <GaugeStyleSwitch me={me} />}
        </div>
      </div>
      {query.isPending ? (
        <DashboardSkeleton />
      ) : query.isError ? (
        <FiguresError error={query.error} />
      ) : data && data.focusAreas.length === 0 ? (
        <p className="notice">{t('dashboard.empty')}</p>
      ) : (
        <div className="focus-grid" aria-busy={query.isFetching}>
          {[...(data?.focusAreas ?? [])]
            .sort((a, b) => a.rank - b.rank)
            .map((area) => (
              <section key={area.key} className="focus-area" aria-labelledby={`area-${area.key}`}>
                <header className="focus-area-head">
                  <span className="focus-area-rank" aria-label={t('dashboard.areaRank', { rank: area.rank })}>
                    {area.rank}
                  </span>
                  <h2 id={`area-${area.key}`}>{area.name}</h2>
                </header>
                <div className={bullets ? 'focus-area-bullets' : 'focus-area-gauges'} data-count={area.kpis.length}>
                  {area.kpis.map((kpi) => (
                    <Figure
                      key={kpi.key}
                      {...toGaugeProps(kpi, {
                        locale,
                        currency,
                        fmt,
                        t,
                        periodStartDate: data?.period.startDate,
                        onOpen: () =>
                          void navigate({
                            to: '/kpi/$kpiKey',
                            params: { kpiKey: kpi.key },
                            search: figureSearchOf(search),
                          }),
                      })}
                    />
                  ))}
                </div>
              </section>
            ))}
        </div>
      )}
    </>
  )
}

function DashboardSkeleton() {
  return (
    <div className="focus-grid" aria-hidden="true">
      {[1, 2, 3, 4].map((n) => (
        <section key={n} className="focus-area skeleton">
          <div className="skeleton-line" />
          <div className="skeleton-gauge" />
        </section>
      ))}
    </div>
  )
}
