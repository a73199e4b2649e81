import { entities } from '../../records/registry.ts'
import { recordRoutes } from '../../records/record-routes.ts'

/** /api/customers: list, read, create, update, delete (fields and rules in records/entities/customers.ts). */
export const customerRoutes = recordRoutes(entities.customers)
