import { queryOptions } from '@tanstack/react-query'
import type { PeriodType } from '@kpi/domain/periods'
import { getJson } from '../../../lib/http.ts'
import { TargetList } from '@kpi/contract/targets'

export const targetKeys = { root: ['targets'] as const }

/** The stored targets of one KPI and period type whose periods start from `first` to `last`. */
export const targetsQuery = (kpiKey: string, periodType: PeriodType, first: string, last: string) =>
  queryOptions({
    queryKey: [...targetKeys.root, kpiKey, periodType, first, last],
    queryFn: ({ signal }) =>
      getJson(`/api/targets?kpiKey=${kpiKey}&period=${periodType}&from=${first}&to=${last}`, TargetList, signal),
  })
