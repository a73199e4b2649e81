import { queryOptions } from '@tanstack/react-query'
import { getJson, sendJson } from '../../lib/http.ts'
import { RecentActivity, RecentActivityPage } from '@kpi/contract/records'

export const ACTIVITY_TYPES = ['CALL', 'MEETING', 'PROPOSAL', 'EMAIL'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

export const activityKeys = { root: ['activities'] as const }

/** POST /api/activities for the signed-in person, happening now; answers the new activity's id (for Undo). */
export const logActivity = (userId: number, type: ActivityType) =>
  sendJson('POST', '/api/activities', { type, userId, occurredAt: new Date().toISOString() }, RecentActivity)

/** DELETE /api/activities/:id: the API lets the owner (and an admin) delete it. */
export const deleteActivity = (id: number) => sendJson('DELETE', `/api/activities/${id}`, undefined)

/** The person's own last 10 activities since `since` (ISO instant), newest first. */
export const recentActivitiesQuery = (userId: number, since: string) =>
  queryOptions({
    queryKey: [...activityKeys.root, 'recent', userId, since],
    queryFn: ({ signal }) =>
      getJson(
        `/api/activities?${new URLSearchParams({ userId: String(userId), from: since, sort: '-occurredAt', pageSize: '10' })}`,
        RecentActivityPage,
        signal,
      ),
  })
