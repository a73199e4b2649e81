import { queryOptions } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../../lib/http.ts'
import type { Locale } from '../../i18n/format.ts'
import { NotificationsPage } from '@kpi/contract/notifications'

export const notificationKeys = { root: ['notifications'] as const }

/** Null when the server has no notifications route (404): the bell is then not shown at all. */
export const notificationsQuery = (locale: Locale) =>
  queryOptions({
    queryKey: [...notificationKeys.root, { unread: true, locale }],
    queryFn: async ({ signal }): Promise<NotificationsPage | null> => {
      try {
        return await getJson(`/api/notifications?unread=true&locale=${locale}`, NotificationsPage, signal)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    refetchInterval: 60_000,
  })

export const markRead = (id: string) => sendJson('POST', `/api/notifications/${id}/read`)
