import { sendJson } from '../../lib/http.ts'

export const ACTIVITY_TYPES = ['CALL', 'MEETING', 'PROPOSAL', 'EMAIL'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

/** POST /api/activities for the signed-in rep, happening now. */
export const logActivity = (userId: number, type: ActivityType) =>
  sendJson('POST', '/api/activities', { type, userId, occurredAt: new Date().toISOString() })
