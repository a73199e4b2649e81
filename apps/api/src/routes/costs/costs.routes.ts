import { entities } from '../../records/registry.ts'
import { recordRoutes } from '../../records/record-routes.ts'

/** /api/costs: list, read, create, update, delete (fields and rules in records/entities/costs.ts). */
export const costRoutes = recordRoutes(entities.costs)
