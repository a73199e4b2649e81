import { entities } from '../../records/registry.ts'
import { recordRoutes } from '../../records/record-routes.ts'

/** /api/leads: list, read, create, update, delete (fields and rules in records/entities/leads.ts). */
export const leadRoutes = recordRoutes(entities.leads)
