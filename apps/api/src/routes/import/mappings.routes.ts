import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ErrorBody } from '@kpi/contract/errors'
import {
  ImportMappingParams,
  ImportMappings,
  ImportParams,
  SaveImportMappingBody,
  SavedImportMapping,
} from '@kpi/contract/import'
import { importers } from '../../csv/importers.ts'
import { mappingJson, planMapping, readMapping } from '../../csv/mapping.ts'
import { presetsFor } from '../../csv/presets.ts'
import { HttpError } from '../../http-errors.ts'
import { assertMayImport, requestLocale } from './import-access.ts'
import { deleteMapping, listMappings, saveMapping } from './mappings.db.ts'

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody }

/**
 * Saved mappings per organisation, entity and source, and the built-in presets (decision 0027). Whoever may
 * import an entity may keep mappings for it: admins, and managers for leads, deals and activities.
 */
export const mappingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/import/:entity/mappings',
    {
      preHandler: app.requireRole('admin', 'manager'),
      schema: {
        summary: "The organisation's saved mappings for an entity, and the built-in presets",
        tags: ['import'],
        params: ImportParams,
        response: { 200: ImportMappings, ...errors },
      },
    },
    async (request) => {
      const { entity } = request.params
      assertMayImport(request.user.role, entity)
      return {
        saved: await listMappings(app.store.pool, request.user.organizationId, entity),
        presets: presetsFor(entity),
      }
    },
  )

  app.put(
    '/import/:entity/mappings/:source',
    {
      preHandler: app.requireRole('admin', 'manager'),
      schema: {
        summary: 'Save (or replace) the mapping for a source',
        tags: ['import'],
        params: ImportMappingParams,
        body: SaveImportMappingBody,
        response: { 200: SavedImportMapping, ...errors },
      },
    },
    async (request) => {
      const { entity, source } = request.params
      assertMayImport(request.user.role, entity)
      // The upload's checks, minus the file's columns (there is no file yet).
      const locale = await requestLocale(request)
      const mapping = readMapping(request.body.mapping, locale)
      planMapping(importers[entity], mapping, undefined, locale)
      return saveMapping(app.store.pool, request.user, entity, source, mappingJson(mapping))
    },
  )

  app.delete(
    '/import/:entity/mappings/:source',
    {
      preHandler: app.requireRole('admin', 'manager'),
      schema: {
        summary: 'Forget the saved mapping of a source',
        tags: ['import'],
        params: ImportMappingParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { entity, source } = request.params
      assertMayImport(request.user.role, entity)
      if (!(await deleteMapping(app.store.pool, request.user, entity, source)))
        throw new HttpError('not_found', `no saved mapping "${source}" for ${entity}`)
      return reply.code(204).send(null)
    },
  )
}
