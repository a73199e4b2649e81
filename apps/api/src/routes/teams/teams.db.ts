import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import { writeAudit } from '../../audit/audit.db.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import type { TeamOut, UpdateTeamBody } from '@kpi/contract/teams'

const teamSelect = { id: true, name: true, managerId: true, regionId: true, active: true, version: true } as const

/** Admins: every team of the organisation; managers: the active teams they manage; reps: their own team. */
export async function listTeams(prisma: PrismaClient, viewer: AuthUser): Promise<TeamOut[]> {
  const where: Prisma.TeamWhereInput =
    viewer.role === 'admin'
      ? { organizationId: viewer.organizationId }
      : viewer.role === 'manager'
        ? { organizationId: viewer.organizationId, id: { in: viewer.managedTeamIds } }
        : { organizationId: viewer.organizationId, id: viewer.teamId ?? -1 }
  return prisma.team.findMany({ where, select: teamSelect, orderBy: { id: 'asc' } })
}

/** A team's manager must be an active manager of the same organisation: else 400 naming the field. */
async function assertManager(tx: Prisma.TransactionClient, organizationId: number, managerId: number | null) {
  if (managerId === null) return
  const manager = await tx.user.findFirst({
    where: { id: managerId, organizationId, role: 'MANAGER', active: true },
    select: { id: true },
  })
  if (manager === null) {
    throw new HttpError('validation_failed', `user ${managerId} is not an active manager`, 'body.managerId')
  }
}

/** A team's region must be one of the same organisation: else 400 naming the field. */
async function assertRegion(tx: Prisma.TransactionClient, organizationId: number, regionId: number | null | undefined) {
  if (regionId == null) return
  const region = await tx.region.findFirst({ where: { id: regionId, organizationId }, select: { id: true } })
  if (region === null) throw new HttpError('validation_failed', `region ${regionId} not found`, 'body.regionId')
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}

function duplicateName(error: unknown): never {
  if (isUniqueViolation(error)) throw new HttpError('conflict', 'a team with this name exists', 'body.name')
  throw error
}

export async function createTeam(
  prisma: PrismaClient,
  actor: AuthUser,
  input: { name: string; managerId: number | null; regionId: number | null },
): Promise<TeamOut> {
  return prisma
    .$transaction(async (tx) => {
      await assertManager(tx, actor.organizationId, input.managerId)
      await assertRegion(tx, actor.organizationId, input.regionId)
      const team = await tx.team.create({
        data: {
          organizationId: actor.organizationId,
          name: input.name,
          managerId: input.managerId,
          regionId: input.regionId,
        },
        select: teamSelect,
      })
      await writeAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: 'team.created',
        entity: 'team',
        entityId: team.id,
        before: null,
        after: team,
      })
      return team
    })
    .catch(duplicateName)
}

/**
 * Applies an admin's change when `input.version` is current; else 409 version_conflict with the team as stored now
 * (`current`) and nothing changes.
 */
export async function updateTeam(
  prisma: PrismaClient,
  actor: AuthUser,
  id: number,
  input: UpdateTeamBody,
): Promise<TeamOut> {
  return prisma
    .$transaction(async (tx) => {
      const existing = await tx.team.findFirst({
        where: { id, organizationId: actor.organizationId },
        select: teamSelect,
      })
      if (existing === null) throw new HttpError('not_found', `team ${id} not found`)
      if (input.managerId !== undefined) await assertManager(tx, actor.organizationId, input.managerId)
      await assertRegion(tx, actor.organizationId, input.regionId)
      const { count } = await tx.team.updateMany({
        where: { id, organizationId: actor.organizationId, version: input.version },
        data: {
          name: input.name,
          managerId: input.managerId,
          regionId: input.regionId,
          active: input.active,
          version: { increment: 1 },
        },
      })
      if (count === 0) {
        // Read again: a writer that committed after `existing` was read is what beat us, and the 409 shows theirs.
        const current = await tx.team.findFirst({
          where: { id, organizationId: actor.organizationId },
          select: teamSelect,
        })
        throw new VersionConflict(
          `team ${id} was changed by someone else (version ${current?.version ?? existing.version}, you sent ${input.version}); reload and retry`,
          current,
          'body.version',
        )
      }
      const team = await tx.team.findUniqueOrThrow({ where: { id }, select: teamSelect })
      await writeAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.id,
        action: 'team.updated',
        entity: 'team',
        entityId: id,
        before: existing,
        after: team,
      })
      return team
    })
    .catch(duplicateName)
}
