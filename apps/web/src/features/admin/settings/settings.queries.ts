import { queryOptions } from '@tanstack/react-query'
import { getJson } from '../../../lib/http.ts'
import { HolidaysSchema, SettingsSchema } from './settings.schema.ts'

export const settingsKeys = { root: ['settings'] as const }

export const settingsQuery = () =>
  queryOptions({
    queryKey: [...settingsKeys.root, 'org'],
    queryFn: ({ signal }) => getJson('/api/settings', SettingsSchema, signal),
  })

export const holidaysQuery = () =>
  queryOptions({
    queryKey: [...settingsKeys.root, 'holidays'],
    queryFn: ({ signal }) => getJson('/api/settings/holidays', HolidaysSchema, signal),
  })
