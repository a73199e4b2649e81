import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { useEffect } from 'react'
import type { CSSProperties } from 'react'
import { Gauge } from '../../components/gauge/Gauge.tsx'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { useFormat, useLocale, useT } from '../../i18n/i18n.tsx'
import { useMe } from '../../lib/session/auth.queries.ts'
import { figureSearchOf, useFigureParams } from '../../components/figure-controls/FigureControls.tsx'
import { dashboardQuery } from '../../lib/figures/dashboard.queries.ts'
import { toGaugeProps } from '../../lib/figures/gauge-props.ts'
import { periodLabel } from '../../lib/figures/period-label.ts'
import { scopeOptions } from '../../lib/figures/scope-options.ts'
import { everyMsFrom, useCycle } from './use-cycle.ts'
import './wallboard.css'

/**
 * A TV view: one focus area at a time with large gauges, moving on every `?every=` seconds (default 15). It keeps
 * scope, period and date from the URL; the dashboard query refreshes itself every minute.
 */
export default function WallboardPage() {
  const t = useT()
  const fmt = useFormat()
  const { locale } = useLocale()
  const me = useMe()
  const search = useSearch({ from: '/wallboard' })
  const navigate = useNavigate()
  const params = useFigureParams()
  const everyMs = everyMsFrom(search.every ?? null)
  const query = useQuery(dashboardQuery(params))
  const data = query.data
  const areas = [...(data?.focusAreas ?? [])].sort((a, b) => a.rank - b.rank)
  const cycle = useCycle(areas.length, everyMs)
  const area = areas[cycle.index]
  // Back to the dashboard with the same figures, without the wallboard's own `every`.
  const leaveTo = figureSearchOf(search)
  const { next, previous, toggleHold } = cycle

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey) return
      // Space on a focused button presses it; only a free Space pauses the board.
      if (event.key === ' ' && event.target instanceof HTMLButtonElement) return
      const actions: Record<string, () => void> = {
        ArrowRight: next,
        ArrowLeft: previous,
        ' ': toggleHold,
        Escape: () => void navigate({ to: '/', search: leaveTo }),
      }
      const action = actions[event.key]
      if (!action) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [next, previous, toggleHold, leaveTo, navigate])

  const scopeName = scopeOptions(me, t).find((option) => option.value === params.scope)?.label
  const currency = me?.organization.currency ?? 'EUR'
  const updated = query.dataUpdatedAt
    ? new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeStyle: 'short' }).format(query.dataUpdatedAt)
    : ''

  return (
    <div
      className="wallboard"
      data-paused={cycle.paused}
      onMouseEnter={() => cycle.setHovered(true)}
      onMouseLeave={() => cycle.setHovered(false)}
    >
      <header className="wallboard-head">
        <div className="wallboard-titles">
          <p className="wallboard-meta">
            {[scopeName, data && periodLabel(data.period, locale)].filter(Boolean).join(' · ')}
          </p>
          <h1 className="wallboard-area" aria-live="polite">
            {area ? area.name : t('wallboard.title')}
          </h1>
        </div>
        <div className="wallboard-tools">
          {areas.length > 0 && (
            <p className="wallboard-position">
              {t('wallboard.position', { current: cycle.index + 1, total: areas.length })}
            </p>
          )}
          <button type="button" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}>
            {t('wallboard.fullScreen')}
          </button>
          <Link to="/" search={leaveTo} className="wallboard-leave">
            {t('wallboard.leave')}
          </Link>
        </div>
      </header>
      <div className="wallboard-progress" aria-hidden="true">
        {areas.length > 1 && (
          <span key={cycle.index} style={{ '--every': `${everyMs}ms` } as CSSProperties} data-part="progress" />
        )}
      </div>
      <main className="wallboard-body">
        {query.isPending ? (
          <p className="wallboard-message">{t('common.loading')}</p>
        ) : query.isError ? (
          <p className="wallboard-message" role="alert">
            {t('common.error', { message: query.error.message })}
          </p>
        ) : !area ? (
          <p className="wallboard-message">{t('dashboard.empty')}</p>
        ) : (
          <section className="wallboard-gauges" aria-label={area.name} data-count={area.kpis.length}>
            {area.kpis.map((kpi) => (
              <Gauge
                key={kpi.key}
                {...toGaugeProps(kpi, { locale, currency, fmt, t, periodStartDate: data?.period.startDate })}
              />
            ))}
          </section>
        )}
      </main>
      <footer className="wallboard-foot">
        <span>{t('wallboard.keys')}</span>
        {updated && <span>{t('dashboard.refreshed', { time: updated })}</span>}
        {/* Last, so the empty live region adds no gap before the others. */}
        <span role="status" className="wallboard-paused">
          {cycle.paused ? t('wallboard.paused') : ''}
        </span>
      </footer>
    </div>
  )
}
