import { entities } from '../../records/registry.ts'
import { recordRoutes } from '../../records/record-routes.ts'

/** /api/activities: list, read, create, update, delete (fields and rules in records/entities/activities.ts). */
export const activityRoutes = recordRoutes(entities.activities)
