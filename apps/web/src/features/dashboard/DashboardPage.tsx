import { addDays } from '@kpi/domain/calendar'
import { useQuery } from '@tanstack/react-query'
import { FiguresError } from '../../components/feedback/FiguresError.tsx'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { hrefFor, Link, navigate, useSearchParams } from '../../router.tsx'
import { useMe } from '../auth/auth.queries.ts'
import type { MeResponse as Me } from '@kpi/contract/me'
import { dashboardQuery, PERIOD_TYPES } from './dashboard.queries.ts'
import type { FigureParams, PeriodType } from './dashboard.queries.ts'
import { toGaugeProps } from './gauge-props.ts'
import { periodLabel } from './period-label.ts'
import { scopeOptions } from './scope-options.ts'
import './dashboard.css'

/** Scope, period and date live in the URL so a link shows the same figures to a colleague. */
export function useFigureParams(): FigureParams {
  const search = useSearchParams()
  const { locale } = useLocale()
  const period = search.get('period')
  return {
    scope: search.get('scope') ?? '',
    period: (PERIOD_TYPES as readonly string[]).includes(period ?? '') ? (period as PeriodType) : 'month',
    date: search.get('date') ?? '',
    locale,
  }
}

export function setSearch(changes: Record<string, string>) {
  const search = new URLSearchParams(window.location.search)
  for (const [key, value] of Object.entries(changes)) {
    if (value) search.set(key, value)
    else search.delete(key)
  }
  const query = search.toString()
  navigate(`${window.location.pathname}${query ? `?${query}` : ''}`, { replace: true })
}

/** The team dashboard: focus areas in their configured rank, each with its headline gauges. */
export function DashboardPage() {
  const t = useT()
  const fmt = useFormat()
  const me = useMe()
  const params = useFigureParams()
  const { locale } = useLocale()
  const query = useQuery(dashboardQuery(params))
  const currency = me?.organization.currency ?? 'EUR'
  const data = query.data
  const search = window.location.search

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('dashboard.title')}</h1>
          {data && <p className="page-sub">{periodLabel(data.period, locale)}</p>}
        </div>
        <FigureControls params={params} me={me} periodStart={data?.period.startDate} periodEnd={data?.period.endDate} />
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
                <div className="focus-area-gauges" data-count={area.kpis.length}>
                  {area.kpis.map((kpi) => (
                    <Gauge
                      key={kpi.key}
                      {...toGaugeProps(kpi, {
                        locale,
                        currency,
                        fmt,
                        t,
                        onOpen: () => navigate(`${hrefFor({ name: 'kpi', key: kpi.key })}${search}`),
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

/** Scope selector and period picker; `extraScope` names a scope the menu lacks (a rep opened from a leaderboard). */
export function FigureControls(props: {
  params: FigureParams
  me: Me | null
  periodStart?: string | undefined
  periodEnd?: string | undefined
  extraScope?: { value: string; label: string } | undefined
}) {
  const t = useT()
  const { locale } = useLocale()
  const { params, me, periodStart, periodEnd, extraScope } = props
  const scopes = scopeOptions(me, t)
  if (extraScope && !scopes.some((s) => s.value === extraScope.value)) scopes.push(extraScope)
  return (
    <div className="figure-controls">
      {scopes.length > 1 && (
        <label>
          {t('dashboard.scope')}
          <select
            aria-label={t('dashboard.scope')}
            value={params.scope}
            onChange={(e) => setSearch({ scope: e.target.value })}
          >
            {scopes.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('dashboard.periodType')}
        <select
          aria-label={t('dashboard.periodType')}
          value={params.period}
          onChange={(e) => setSearch({ period: e.target.value })}
        >
          {PERIOD_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`period.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-label={t('dashboard.prev')}
        disabled={!periodStart}
        onClick={() => periodStart && setSearch({ date: addDays(periodStart, -1) })}
      >
        ‹
      </button>
      <label>
        {t('dashboard.date')}
        <input
          type="date"
          // The UI's language (en-GB / nl-NL), so a picker that honours `lang` writes 25/11/2026 or 25-11-2026.
          lang={INTL_LOCALE[locale]}
          value={params.date || periodStart || ''}
          onChange={(e) => setSearch({ date: e.target.value })}
        />
      </label>
      <button
        type="button"
        aria-label={t('dashboard.next')}
        disabled={!periodEnd}
        onClick={() => periodEnd && setSearch({ date: periodEnd })}
      >
        ›
      </button>
      <Link className="wallboard-link" to={`${hrefFor({ name: 'wallboard' })}${window.location.search}`}>
        {t('dashboard.wallboard')}
      </Link>
    </div>
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
