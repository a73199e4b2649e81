import { parseScope, type Scope } from '@kpi/domain/scope'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { assertAllowed, assertCanView, canEditTargetsFor, resolveScopeContext } from '../../auth/access.ts'
import { handleVersionConflicts } from '../settings/version-conflict.ts'
import { versionConflictBody } from '@kpi/contract/errors'
import { assertCanEditAll, visibleTargetScopes } from './targets-access.ts'
import { copyForward } from './targets-copy.db.ts'
import { checkRows, deleteTarget, findTarget, listTargets, periodSettings } from './targets.db.ts'
import { saveTargets } from './targets-save.db.ts'
import {
  CopyForward,
  CopyForwardResult,
  DeleteQuery,
  Target,
  TargetIdParams,
  TargetList,
  TargetQuery,
  TargetsPut,
} from '@kpi/contract/targets'

const noStore = 'private, no-store'

/**
 * Targets: admins set any scope, managers their teams and those teams' reps (auth/access.ts), reps none (403).
 * Everyone reads the targets of the scopes they may view.
 */
export const targetRoutes: FastifyPluginAsyncZod = async (app) => {
  handleVersionConflicts(app)
  const { prisma, pool } = app.store
  const editors = app.requireRole('admin', 'manager')

  app.get(
    '/targets',
    {
      schema: {
        summary: 'Targets by scope and period',
        tags: ['targets'],
        querystring: TargetQuery,
        response: { 200: TargetList },
      },
      preHandler: app.authenticate,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { user, query } = request
      if (query.scope !== undefined) await assertCanView(pool, user, parseScope(query.scope)!)
      const scopes = query.scope !== undefined ? null : await visibleTargetScopes(prisma, user)
      return listTargets(prisma, user.organizationId, query, scopes)
    },
  )

  app.put(
    '/targets',
    {
      schema: {
        summary: 'Save a grid of targets (all-or-nothing)',
        tags: ['targets'],
        body: TargetsPut,
        response: { 200: TargetList, 409: versionConflictBody(Target) },
      },
      preHandler: editors,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { user } = request
      const rows = checkRows(request.body.targets, await periodSettings(prisma, user.organizationId))
      const scopes = new Map<string, { scope: Scope; field: string }>()
      for (const row of rows)
        if (!scopes.has(row.scope)) scopes.set(row.scope, { scope: row.parsed, field: `${row.field}.scope` })
      await assertCanEditAll(pool, user, scopes)
      const targets = await saveTargets(prisma, { organizationId: user.organizationId, actorId: user.id }, rows)
      return { targets }
    },
  )

  app.post(
    '/targets/copy-forward',
    {
      schema: {
        summary: "Copy a period's targets to the next periods, never overwriting",
        tags: ['targets'],
        body: CopyForward,
        response: { 200: CopyForwardResult },
      },
      preHandler: editors,
    },
    async (request, reply) => {
      reply.header('cache-control', noStore)
      const { user, body } = request
      const scopes = new Map<string, { scope: Scope; field: string }>()
      body.scopes.forEach((text, i) => scopes.set(text, { scope: parseScope(text)!, field: `body.scopes.${i}` }))
      await assertCanEditAll(pool, user, scopes)
      const settings = await periodSettings(prisma, user.organizationId)
      return copyForward(prisma, { organizationId: user.organizationId, actorId: user.id }, body, settings)
    },
  )

  app.delete(
    '/targets/:id',
    {
      schema: {
        summary: 'Delete a target',
        tags: ['targets'],
        params: TargetIdParams,
        querystring: DeleteQuery,
        response: { 204: z.null(), 409: versionConflictBody(Target) },
      },
      preHandler: editors,
    },
    async (request, reply) => {
      const { user } = request
      const row = await findTarget(prisma, user.organizationId, request.params.id)
      const scope = parseScope(row.scopeKey)!
      assertAllowed(canEditTargetsFor(user, scope, await resolveScopeContext(pool, user, scope)), scope)
      await deleteTarget(prisma, { organizationId: user.organizationId, actorId: user.id }, row, request.query.version)
      return reply.code(204).header('cache-control', noStore).send(null)
    },
  )
}
