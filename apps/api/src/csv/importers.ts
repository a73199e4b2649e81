import { entities } from '../records/registry.ts'
import type { Role } from '../records/entity.ts'
import type { Importer } from './importer.ts'
import { productImporter } from './product-importer.ts'
import { recordImporter } from './record-importer.ts'
import { targetImporter } from './target-importer.ts'
import { teamImporter } from './team-importer.ts'
import { userImporter } from './user-importer.ts'

import type { ImportEntity } from '@kpi/contract/import'

export type { ImportEntity }

export const importers: Record<ImportEntity, Importer> = {
  leads: recordImporter(entities.leads),
  deals: recordImporter(entities.deals),
  customers: recordImporter(entities.customers),
  activities: recordImporter(entities.activities),
  costs: recordImporter(entities.costs),
  surveys: recordImporter(entities.surveys),
  targets: targetImporter,
  users: userImporter,
  teams: teamImporter,
  products: productImporter,
}

/** Admins import everything; managers the pipeline records of their own teams (checked per row); reps nothing. */
export function mayImport(role: Role, entity: ImportEntity): boolean {
  if (role === 'admin') return true
  return role === 'manager' && (entity === 'leads' || entity === 'deals' || entity === 'activities')
}
