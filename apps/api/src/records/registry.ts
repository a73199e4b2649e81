import type { EntityDef, EntityName, RefKind } from './entity.ts'
import { activities } from './entities/activities.ts'
import { costs } from './entities/costs.ts'
import { customers } from './entities/customers.ts'
import { deals } from './entities/deals.ts'
import { leads } from './entities/leads.ts'
import { surveys } from './entities/surveys.ts'

export const entities: Record<EntityName, EntityDef> = { leads, deals, customers, activities, costs, surveys }

/**
 * References to records of these entities are limited to the ones the writer can see (issue 14 F3); users,
 * products and teams are shared by the organisation.
 */
export const visibleRefs: Partial<Record<RefKind, EntityName>> = { customer: 'customers', lead: 'leads', deal: 'deals' }
