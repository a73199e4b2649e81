import { addDays } from '@kpi/domain/calendar'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useSearch } from '@tanstack/react-router'
import { INTL_LOCALE } from '../../i18n/format.ts'
import { useLocale, useT } from '../../i18n/i18n.tsx'
import { PERIOD_TYPES } from '../../lib/figures/dashboard.queries.ts'
import type { FigureParams } from '../../lib/figures/dashboard.queries.ts'
import { figureParams } from '../../lib/figures/figure-params.ts'
import type { FigureSearchValues } from '../../lib/figures/figure-params.ts'
import type { PeriodState } from '../../lib/figures/period-state.ts'
import { scopeOptions } from '../../lib/figures/scope-options.ts'
import { peopleQuery } from '../../lib/figures/people.queries.ts'
import { repScopeGroups } from '../../lib/figures/rep-scope-options.ts'
import './figure-controls.css'
import type { MeResponse as Me } from '@kpi/contract/me'

/** Scope, period and date live in the URL (routes/search.ts) so a link shows the same figures to a colleague. */
export function useFigureParams(): FigureParams {
  const search = useSearch({ strict: false })
  const { locale } = useLocale()
  return figureParams(search, locale)
}

/** Changes some of the URL's query values in place (an empty value removes it); history keeps one entry. */
export function useSetSearch() {
  const navigate = useNavigate()
  return (changes: Record<string, string | number>) =>
    void navigate({ to: '.', search: (previous) => ({ ...previous, ...changes }), replace: true })
}

/** Scope selector and period picker; `extraScope` names a scope the menu lacks (a rep opened from a leaderboard). */
export function FigureControls(props: {
  params: FigureParams
  me: Me | null
  periodStart?: string | undefined
  periodEnd?: string | undefined
  extraScope?: { value: string; label: string } | undefined
  /** Marks a period that has not started, and says so of the next one while this one is not over. */
  periodState?: PeriodState | undefined
}) {
  const t = useT()
  const { locale } = useLocale()
  const { params, me, periodStart, periodEnd, extraScope, periodState } = props
  const setSearch = useSetSearch()
  const search = useSearch({ strict: false })
  const scopes = scopeOptions(me, t)
  const people = useQuery({ ...peopleQuery(), enabled: me !== null && me.user.role !== 'rep' })
  const repGroups = repScopeGroups(me, people.data?.users ?? [], t)
  const listed = [...scopes, ...repGroups.flatMap((group) => group.options)]
  if (extraScope && !listed.some((s) => s.value === extraScope.value)) scopes.push(extraScope)
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
            {repGroups.map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
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
      {periodState === 'not-started' && (
        <span className="period-not-started" data-testid="period-not-started">
          <span aria-hidden="true">○ </span>
          {t('status.not-started')}
        </span>
      )}
      <button
        type="button"
        aria-label={t(
          periodState === 'finished' || periodState === undefined ? 'dashboard.next' : 'dashboard.nextNotStarted',
        )}
        title={t(
          periodState === 'finished' || periodState === undefined ? 'dashboard.next' : 'dashboard.nextNotStarted',
        )}
        disabled={!periodEnd}
        onClick={() => periodEnd && setSearch({ date: periodEnd })}
      >
        ›
      </button>
      <Link className="wallboard-link" to="/wallboard" search={figureSearchOf(search)}>
        {t('dashboard.wallboard')}
      </Link>
    </div>
  )
}

/** Only the figures' values of the URL's query (a page's own, like the records table's, stay behind). */
export const figureSearchOf = ({ scope, period, date }: FigureSearchValues): FigureSearchValues => ({
  ...(scope ? { scope } : {}),
  ...(period ? { period } : {}),
  ...(date ? { date } : {}),
})
