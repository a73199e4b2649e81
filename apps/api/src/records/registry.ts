import type { EntityDef, EntityName } from './entity.ts'
import { activities } from './entities/activities.ts'
import { costs } from './entities/costs.ts'
import { customers } from './entities/customers.ts'
import { deals } from './entities/deals.ts'
import { leads } from './entities/leads.ts'
import { surveys } from './entities/surveys.ts'

export const entities: Record<EntityName, EntityDef> = { leads, deals, customers, activities, costs, surveys }
