import { addDays } from '@kpi/domain/calendar'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { PERIOD_TYPES } from '../../lib/figures/dashboard.queries.ts'
import type { FigureParams, PeriodType } from '../../lib/figures/dashboard.queries.ts'
import { scopeOptions } from '../../lib/figures/scope-options.ts'
import type { Me } from '../../lib/session/auth.schema.ts'
import { hrefFor, Link, navigate, useSearchParams } from '../../router.tsx'
import './figure-controls.css'

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

