import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { Holidays, Settings } from '@kpi/contract/settings'

export const settingsKeys = { root: ['settings'] as const }

export const settingsQuery = () =>
  queryOptions({
    queryKey: [...settingsKeys.root, 'org'],
    queryFn: ({ signal }) => getJson('/api/settings', Settings, signal),
  })

export const holidaysQuery = () =>
  queryOptions({
    queryKey: [...settingsKeys.root, 'holidays'],
    queryFn: ({ signal }) => getJson('/api/settings/holidays', Holidays, signal),
  })
