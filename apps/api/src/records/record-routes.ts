import { z } from 'zod'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { HttpError } from '../http-errors.ts'
import { ErrorBody } from '@kpi/contract/errors'
import { VersionParam } from '@kpi/contract/id'
import { createSchema, patchSchema, type EntityDef } from './entity.ts'
import { listQuerySchema, type ListQuery } from './list-query.ts'
import { IdParams, pageSchema, recordSchema } from '@kpi/contract/records'
import {
  calendarFieldsOf,
  deleteRecord,
  getRecord,
  insertRecord,
  listRecords,
  organisationTimeZone,
  updateRecord,
} from './records.db.ts'
import { asEntered } from './calendar-dates.ts'
import { authorizeDelete, authorizeWrite } from './write-rules.ts'

/**
 * List, read, create, update (optimistic, by version) and delete for one record entity. Every entity has the
 * same five routes; what differs (fields, rules, visibility, filters) is data in its EntityDef.
 */
export function recordRoutes(def: EntityDef): FastifyPluginAsyncZod {
  return async (app) => {
    const canRead = app.requireRole(...def.roles.read)
    const tags = [def.entity]
    const RecordOut = recordSchema(def)
    const Create = createSchema(def)
    const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody }

    app.get(
      '/',
      {
        preHandler: canRead,
        schema: {
          summary: `List ${def.entity}`,
          tags,
          querystring: listQuerySchema(def),
          response: { 200: pageSchema(def) },
        },
      },
      async (request) => listRecords(app.store.pool, def, request.user, request.query as ListQuery),
    )

    app.get(
      '/:id',
      {
        preHandler: canRead,
        schema: { summary: `One of ${def.entity}`, tags, params: IdParams, response: { 200: RecordOut, ...errors } },
      },
      async (request) => getRecord(app.store.pool, def, request.user, request.params.id),
    )

    app.post(
      '/',
      {
        preHandler: canRead,
        schema: { summary: `Create one of ${def.entity}`, tags, body: Create, response: { 201: RecordOut, ...errors } },
      },
      async (request, reply) => {
        const user = request.user
        const row: Record<string, unknown> = { ...request.body }
        const { ownerTeamId } = await authorizeWrite(app.store.pool, def, user, row)
        const timeZone = await organisationTimeZone(app.store.pool, user.organizationId)
        const created = await insertRecord(app.store.pool, def, user, row, ownerTeamId, timeZone)
        return reply.code(201).send(created)
      },
    )

    app.patch(
      '/:id',
      {
        preHandler: canRead,
        schema: {
          summary: `Change one of ${def.entity}`,
          tags,
          params: IdParams,
          body: patchSchema(def),
          response: { 200: RecordOut, ...errors },
        },
      },
      async (request) => {
        const user = request.user
        const { version, ...patch } = request.body as { version: number } & Record<string, unknown>
        const existing = await getRecord(app.store.pool, def, user, request.params.id)
        if (existing.version !== version) throw stale(def, existing.version)
        const timeZone = await organisationTimeZone(app.store.pool, user.organizationId)
        const marked = await calendarFieldsOf(app.store.pool, def, existing.id)
        // The rules span fields (closedAt vs status), so they are checked on the record as it would become.
        const merged: Record<string, unknown> = {}
        for (const field of def.fields)
          merged[field.name] =
            field.name in patch ? patch[field.name] : asEntered(field, existing[field.name], marked, timeZone)
        const parsed = Create.safeParse(merged)
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!
          throw new HttpError('validation_failed', issue.message, ['body', ...issue.path.map(String)].join('.'))
        }
        const row: Record<string, unknown> = { ...parsed.data }
        const { ownerTeamId } = await authorizeWrite(app.store.pool, def, user, row, existing)
        const updated = await updateRecord(app.store.pool, def, user, existing.id, version, row, ownerTeamId, timeZone)
        if (!updated) throw stale(def)
        return updated
      },
    )

    app.delete(
      '/:id',
      {
        preHandler: canRead,
        schema: {
          summary: `Delete one of ${def.entity}`,
          tags,
          params: IdParams,
          querystring: z.object({
            version: VersionParam.optional().describe('the version you read; 409 when it moved on'),
          }),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const user = request.user
        const { version } = request.query
        const existing = await getRecord(app.store.pool, def, user, request.params.id)
        await authorizeDelete(app.store.pool, def, user, existing)
        // Deleting what someone else just changed is an overwrite too: with a version, only that version goes.
        if (version !== undefined && existing.version !== version) throw stale(def, existing.version, 'query.version')
        await deleteRecord(app.store.pool, def, user, request.params.id, version)
        return reply.code(204).send(null)
      },
    )
  }
}

function stale(def: EntityDef, current?: number, field = 'body.version'): HttpError {
  const now = current === undefined ? '' : ` (now version ${current})`
  return new HttpError(
    'conflict',
    `this ${def.entity} record was changed by someone else${now}; reload and retry`,
    field,
  )
}
