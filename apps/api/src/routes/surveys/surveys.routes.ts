import { entities } from '../../records/registry.ts'
import { recordRoutes } from '../../records/record-routes.ts'

/** /api/surveys: list, read, create, update, delete (fields and rules in records/entities/surveys.ts). */
export const surveyRoutes = recordRoutes(entities.surveys)
