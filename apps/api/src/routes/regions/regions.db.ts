import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import { writeAudit } from '../../audit/audit.db.ts'
import type { AuthUser } from '../../auth/auth-user.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import type { RegionOut, UpdateRegionBody } from '@kpi/contract/regions'

const regionSelect = { id: true, name: true, managerId: true, version: true } as const
type Tx = Prisma.TransactionClient

/** Admins: every region; managers: the regions they manage; reps: none (a region's total spans other teams). */
export async function listRegions(prisma: PrismaClient, viewer: AuthUser): Promise<RegionOut[]> {
  if (viewer.role === 'rep') return []
  const where: Prisma.RegionWhereInput =
    viewer.role === 'admin'
      ? { organizationId: viewer.organizationId }
      : { organizationId: viewer.organizationId, managerId: viewer.id }
  return prisma.region.findMany({ where, select: regionSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }] })
}

/** A region's manager must be an active manager of the same organisation: else 400 naming the field. */
async function assertManager(tx: Tx, organizationId: number, managerId: number | null | undefined) {
  if (managerId == null) return
  const manager = await tx.user.findFirst({
    where: { id: managerId, organizationId, role: 'MANAGER', active: true },
    select: { id: true },
  })
  if (manager === null) {
    throw new HttpError('validation_failed', `user ${managerId} is not an active manager`, 'body.managerId')
  }
}

/**
 * Names are unique per organisation whatever their case ("North" and "north" would be one office to a person, and
 * imports match names case-insensitively); the unique index guards exact duplicates under a race.
 */
async function assertNameFree(tx: Tx, organizationId: number, name: string | undefined, exceptId?: number) {
  if (name === undefined) return
  const taken = await tx.region.findFirst({
    where: {
      organizationId,
      name: { equals: name, mode: 'insensitive' },
      ...(exceptId ? { NOT: { id: exceptId } } : {}),
    },
    select: { id: true },
  })
  if (taken !== null) throw new HttpError('conflict', 'a region with this name exists', 'body.name')
}

function duplicateName(error: unknown): never {
  if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002')
    throw new HttpError('conflict', 'a region with this name exists', 'body.name')
  throw error
}

const audit = (
  tx: Tx,
  actor: AuthUser,
  action: string,
  id: number,
  before: RegionOut | null,
  after: RegionOut | null,
) =>
  writeAudit(tx, {
    organizationId: actor.organizationId,
    actorId: actor.id,
    action,
    entity: 'region',
    entityId: id,
    before,
    after,
  })

export async function createRegion(
  prisma: PrismaClient,
  actor: AuthUser,
  input: { name: string; managerId: number | null },
): Promise<RegionOut> {
  return prisma
    .$transaction(async (tx) => {
      await assertManager(tx, actor.organizationId, input.managerId)
      await assertNameFree(tx, actor.organizationId, input.name)
      const region = await tx.region.create({
        data: { organizationId: actor.organizationId, name: input.name, managerId: input.managerId },
        select: regionSelect,
      })
      await audit(tx, actor, 'region.created', region.id, null, region)
      return region
    })
    .catch(duplicateName)
}

/** The stored region, or 404 (another organisation's region is "not found" too). */
async function findRegion(tx: Tx, organizationId: number, id: number): Promise<RegionOut> {
  const region = await tx.region.findFirst({ where: { id, organizationId }, select: regionSelect })
  if (region === null) throw new HttpError('not_found', `region ${id} not found`)
  return region
}

/** 409 version_conflict with the region as stored now (a writer that committed since is what beat us). */
async function conflict(tx: Tx, organizationId: number, id: number, sent: number): Promise<never> {
  const current = await tx.region.findFirst({ where: { id, organizationId }, select: regionSelect })
  throw new VersionConflict(
    `region ${id} was changed by someone else (version ${current?.version ?? '?'}, you sent ${sent}); reload and retry`,
    current,
    'body.version',
  )
}

/** Renames or changes the manager when `input.version` is current; else 409 and nothing changes. */
export async function updateRegion(
  prisma: PrismaClient,
  actor: AuthUser,
  id: number,
  input: UpdateRegionBody,
): Promise<RegionOut> {
  return prisma
    .$transaction(async (tx) => {
      const existing = await findRegion(tx, actor.organizationId, id)
      await assertManager(tx, actor.organizationId, input.managerId)
      await assertNameFree(tx, actor.organizationId, input.name, id)
      const { count } = await tx.region.updateMany({
        where: { id, organizationId: actor.organizationId, version: input.version },
        data: { name: input.name, managerId: input.managerId, version: { increment: 1 } },
      })
      if (count === 0) return conflict(tx, actor.organizationId, id, input.version)
      const region = await tx.region.findUniqueOrThrow({ where: { id }, select: regionSelect })
      await audit(tx, actor, 'region.updated', id, existing, region)
      return region
    })
    .catch(duplicateName)
}

/**
 * Deletes a region when `version` is current: its teams stay, without a region (SET NULL), and its own targets
 * and threshold overrides go with it (CASCADE), as a person expects of "remove this grouping".
 */
export async function deleteRegion(prisma: PrismaClient, actor: AuthUser, id: number, version: number) {
  await prisma.$transaction(async (tx) => {
    const existing = await findRegion(tx, actor.organizationId, id)
    const { count } = await tx.region.deleteMany({ where: { id, organizationId: actor.organizationId, version } })
    if (count === 0) {
      throw new VersionConflict(
        `region ${id} was changed by someone else (version ${existing.version}, you sent ${version}); reload and retry`,
        existing,
        'query.version',
      )
    }
    await audit(tx, actor, 'region.deleted', id, existing, null)
  })
}
