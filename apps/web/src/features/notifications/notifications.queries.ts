import { infiniteQueryOptions } from '@tanstack/react-query'
import { ApiError, getJson, sendJson } from '../../lib/http.ts'
import type { Locale } from '../../i18n/format.ts'
import { NotificationsPage } from '@kpi/contract/notifications'

export const notificationKeys = { root: ['notifications'] as const }

/**
 * The user's notifications, read ones included (the history stays), newest first, a page of 20 at a time ("Show
 * earlier" asks for the next). Null when the server has no notifications route (404): the bell is then not shown.
 */
export const notificationsQuery = (locale: Locale) =>
  infiniteQueryOptions({
    queryKey: [...notificationKeys.root, { locale }],
    initialPageParam: 1,
    queryFn: async ({ pageParam, signal }): Promise<NotificationsPage | null> => {
      try {
        return await getJson(`/api/notifications?page=${pageParam}&locale=${locale}`, NotificationsPage, signal)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    getNextPageParam: (last) => (last && last.page * last.pageSize < last.total ? last.page + 1 : undefined),
    refetchInterval: 60_000,
  })

export const markRead = (id: string) => sendJson('POST', `/api/notifications/${id}/read`)
export const markAllRead = () => sendJson('POST', '/api/notifications/read-all')
