import { entities } from '../../records/registry.ts'
import { recordRoutes } from '../../records/record-routes.ts'

/** /api/deals: list, read, create, update, delete (fields and rules in records/entities/deals.ts). */
export const dealRoutes = recordRoutes(entities.deals)
