import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { getJson } from '../../lib/http.ts'
import { figureSearch, type FigureParams } from '../../lib/figures/dashboard.queries.ts'
import { KpiDetailWithRecords } from '@kpi/contract/kpis'

/** The records table's state; it lives in the URL beside scope and period so a link shows the same page. */
export type RecordsParams = { page: number; pageSize: number; sort: string }

export const PAGE_SIZES = [10, 25, 50, 100] as const

/** The records table's URL state (routes/search.ts) with the API's defaults for what is absent. */
export const recordsParams = (search: {
  page?: number | undefined
  pageSize?: number | undefined
  sort?: string | undefined
}): RecordsParams => ({
  page: search.page ?? 1,
  pageSize: search.pageSize ?? 25,
  sort: search.sort ?? '',
})

export const kpiDetailKeys = { root: ['kpi-detail'] as const }

export function kpiDetailSearch(params: FigureParams, records: RecordsParams): string {
  const search = new URLSearchParams(figureSearch(params))
  search.set('page', String(records.page))
  search.set('pageSize', String(records.pageSize))
  if (records.sort) search.set('sort', records.sort)
  return search.toString()
}

export const kpiDetailQuery = (key: string, params: FigureParams, records: RecordsParams) =>
  queryOptions({
    queryKey: [...kpiDetailKeys.root, key, params, records],
    queryFn: ({ signal }) =>
      getJson(`/api/kpis/${encodeURIComponent(key)}?${kpiDetailSearch(params, records)}`, KpiDetailWithRecords, signal),
    // Paging or sorting keeps the figures and the old page on screen until the next one arrives.
    placeholderData: keepPreviousData,
  })

/** Download links: the same scope and period as the page (the browser sends the session cookie). */
export function exportHref(
  key: string,
  file: 'records' | 'breakdown',
  params: FigureParams,
  extra: Record<string, string> = {},
) {
  const search = new URLSearchParams(figureSearch(params))
  for (const [name, value] of Object.entries(extra)) if (value) search.set(name, value)
  return `/api/export/kpis/${encodeURIComponent(key)}/${file}.csv?${search.toString()}`
}
