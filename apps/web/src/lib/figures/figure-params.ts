import type { Locale } from '../../i18n/format.ts'
import type { FigureParams, PeriodType } from './dashboard.queries.ts'

/** The figures' URL state as the routes validate it (routes/search.ts); absent means the default. */
export type FigureSearchValues = {
  scope?: string | undefined
  period?: PeriodType | undefined
  date?: string | undefined
}

/** The query parameters for the figures: the URL's values with their defaults, in the UI's language. */
export const figureParams = (search: FigureSearchValues, locale: Locale): FigureParams => ({
  scope: search.scope ?? '',
  period: search.period ?? 'month',
  date: search.date ?? '',
  locale,
})
