import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { Holidays, Settings, TimeZonePreview } from '@kpi/contract/settings'

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

/** What saving `timeZone` would move (decision 29); asked before Save, never cached across zones. */
export const timeZonePreviewQuery = (timeZone: string) =>
  queryOptions({
    queryKey: [...settingsKeys.root, 'time-zone-preview', timeZone],
    queryFn: ({ signal }) =>
      getJson(`/api/settings/time-zone-preview?${new URLSearchParams({ timeZone })}`, TimeZonePreview, signal),
  })
