import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../http.ts'
import type { Locale } from '../../i18n/format.ts'
import { DashboardSchema } from '@kpi/contract/dashboard'

export const PERIOD_TYPES = ['day', 'week', 'month', 'quarter', 'year'] as const
export type PeriodType = (typeof PERIOD_TYPES)[number]

/** What the URL holds: scope (empty = the API's default for the user), period type and a date inside it. */
export type FigureParams = { scope: string; period: PeriodType; date: string; locale: Locale }

export const dashboardKeys = { root: ['dashboard'] as const }

export function figureSearch({ scope, period, date, locale }: FigureParams): string {
  const search = new URLSearchParams({ period, locale })
  if (scope) search.set('scope', scope)
  if (date) search.set('date', date)
  return search.toString()
}

// A wallboard or an open laptop should follow the numbers without a reload; react-query pauses the interval
// while the tab is hidden (refetchIntervalInBackground defaults to false).
const REFRESH_MS = 60_000

export const dashboardQuery = (params: FigureParams) =>
  queryOptions({
    queryKey: [...dashboardKeys.root, params],
    queryFn: ({ signal }) => getJson(`/api/dashboard?${figureSearch(params)}`, DashboardSchema, signal),
    refetchInterval: REFRESH_MS,
    // Keep the last figures on screen while another period or scope loads, but not across a language switch:
    // the names come from the API in the requested locale, and old English names under Dutch number formats
    // looked like the locale was ignored.
    placeholderData: (previous, previousQuery) =>
      (previousQuery?.queryKey[1] as FigureParams | undefined)?.locale === params.locale ? previous : undefined,
  })
