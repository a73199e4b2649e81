import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { KPI_LIST, getKpi } from '@kpi/domain/kpis/registry'
import { thresholdIssues } from '@kpi/domain/thresholds'
import { writeAudit } from '../../audit/audit.db.ts'
import { HttpError } from '../../http-errors.ts'
import { isUniqueViolation, VersionConflict } from '../settings/version-conflict.ts'
import type { Threshold, ThresholdPut } from '@kpi/contract/thresholds'

type Db = PrismaClient | Prisma.TransactionClient
type Actor = { organizationId: number; actorId: number }
type Row = Prisma.ThresholdGetPayload<object>

export function toThreshold(row: Row): Threshold {
  return {
    id: row.id,
    kpiKey: row.kpiKey,
    scope: row.scopeKey,
    teamId: row.teamId,
    regionId: row.regionId,
    source: 'stored',
    mode: row.mode === 'RELATIVE' ? 'relative' : 'absolute',
    greenFrom: Number(row.greenFrom),
    orangeFrom: Number(row.orangeFrom),
    actions: { green: row.greenActions, orange: row.orangeActions, red: row.redActions },
    actionsNl: { green: row.greenActionsNl, orange: row.orangeActionsNl, red: row.redActionsNl },
    version: row.version,
  }
}

function builtin(key: KpiKey): Threshold | null {
  const t = getKpi(key).defaultThreshold
  if (!t) return null
  const { green, orange, red } = t.actions
  const actions = { green: [...green], orange: [...orange], red: [...red] }
  const actionsNl = { green: [], orange: [], red: [] }
  return {
    id: null,
    kpiKey: key,
    scope: 'org',
    teamId: null,
    regionId: null,
    source: 'builtin',
    ...t,
    actions,
    actionsNl,
    version: null,
  }
}

/** Every KPI with its organisation default (stored, else built-in) and its team and region overrides. */
export async function listThresholds(db: Db, organizationId: number) {
  const rows = await db.threshold.findMany({
    where: { organizationId },
    orderBy: [{ kpiKey: 'asc' }, { regionId: 'asc' }, { teamId: 'asc' }],
  })
  return {
    thresholds: KPI_LIST.map((kpi) => {
      const mine = rows.filter((r) => r.kpiKey === kpi.key)
      const stored = mine.find((r) => r.scopeKey === 'org')
      return {
        kpiKey: kpi.key,
        direction: kpi.direction,
        orgDefault: stored ? toThreshold(stored) : builtin(kpi.key),
        teamOverrides: mine.filter((r) => r.teamId !== null).map(toThreshold),
        regionOverrides: mine.filter((r) => r.regionId !== null).map(toThreshold),
      }
    }),
  }
}

/** 400 naming the field and the rule when the bounds do not suit the KPI's direction (domain rules). */
function assertValid(key: KpiKey, body: ThresholdPut): void {
  const first = thresholdIssues(body, getKpi(key).direction)[0]
  if (first === undefined) return
  const field = first.field === 'kpiKey' ? 'params.kpiKey' : `body.${first.field}`
  throw new HttpError('validation_failed', first.message, field, `threshold.${first.rule}`)
}

/** Whose threshold: the organisation default (neither id), a team's override or a region's. */
export type ThresholdTarget = { kpiKey: KpiKey; teamId?: number | null; regionId?: number }

const scopeKeyOf = (target: ThresholdTarget) =>
  target.regionId !== undefined ? `region:${target.regionId}` : target.teamId != null ? `team:${target.teamId}` : 'org'

async function assertOwnerInOrganization(db: Db, organizationId: number, target: ThresholdTarget): Promise<void> {
  // Another organisation's team or region is "not found", never "forbidden" (no existence leak).
  if (target.regionId !== undefined) {
    const region = await db.region.findFirst({ where: { id: target.regionId, organizationId }, select: { id: true } })
    if (!region) throw new HttpError('not_found', `region ${target.regionId} not found`)
  } else if (target.teamId != null) {
    const team = await db.team.findFirst({ where: { id: target.teamId, organizationId }, select: { id: true } })
    if (!team) throw new HttpError('not_found', `team ${target.teamId} not found`)
  }
}

/** Creates (no version) or updates (version must match) the org default, a team's or a region's override. */
export async function putThreshold(
  prisma: PrismaClient,
  actor: Actor,
  target: ThresholdTarget,
  body: ThresholdPut,
): Promise<Threshold> {
  assertValid(target.kpiKey, body)
  const { organizationId } = actor
  await assertOwnerInOrganization(prisma, organizationId, target)
  const scopeKey = scopeKeyOf(target)
  const unique = { organizationId_kpiKey_scopeKey: { organizationId, kpiKey: target.kpiKey, scopeKey } }
  const data = {
    mode: body.mode === 'relative' ? ('RELATIVE' as const) : ('ABSOLUTE' as const),
    greenFrom: body.greenFrom,
    orangeFrom: body.orangeFrom,
    greenActions: body.actions.green,
    orangeActions: body.actions.orange,
    redActions: body.actions.red,
    greenActionsNl: body.actionsNl.green,
    orangeActionsNl: body.actionsNl.orange,
    redActionsNl: body.actionsNl.red,
  }
  const current = async () => {
    const row = await prisma.threshold.findUnique({ where: unique })
    return row ? toThreshold(row) : null
  }
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.threshold.findUnique({ where: unique })
      let after: Row
      if (body.version === undefined) {
        if (existing)
          throw new VersionConflict(`a threshold for ${scopeKey} exists already`, toThreshold(existing), 'body.version')
        after = await tx.threshold.create({
          data: {
            organizationId,
            kpiKey: target.kpiKey,
            scopeKey,
            teamId: target.teamId ?? null,
            regionId: target.regionId ?? null,
            ...data,
          },
        })
      } else {
        const { count } = await tx.threshold.updateMany({
          where: { organizationId, kpiKey: target.kpiKey, scopeKey, version: body.version },
          data: { ...data, version: { increment: 1 } },
        })
        const message = existing ? `threshold changed since version ${body.version}` : 'threshold was deleted'
        if (count === 0) throw new VersionConflict(message, existing ? toThreshold(existing) : null, 'body.version')
        after = await tx.threshold.findUniqueOrThrow({ where: unique })
      }
      await writeAudit(tx, {
        organizationId,
        actorId: actor.actorId,
        action: existing ? 'threshold.updated' : 'threshold.created',
        entity: 'threshold',
        entityId: after.id,
        before: existing ? toThreshold(existing) : null,
        after: toThreshold(after),
      })
      return toThreshold(after)
    })
  } catch (error) {
    // Two creates racing: the loser's INSERT hits the unique key.
    if (isUniqueViolation(error))
      throw new VersionConflict(`a threshold for ${scopeKey} exists already`, await current(), 'body.version')
    throw error
  }
}

/** Removes a team's or region's override (the next one out applies again); the version must match. */
export async function deleteOverride(
  prisma: PrismaClient,
  actor: Actor,
  target: ThresholdTarget,
  version: number,
): Promise<void> {
  const { organizationId } = actor
  const scopeKey = scopeKeyOf(target)
  await prisma.$transaction(async (tx) => {
    const existing = await tx.threshold.findUnique({
      where: { organizationId_kpiKey_scopeKey: { organizationId, kpiKey: target.kpiKey, scopeKey } },
    })
    if (!existing) throw new HttpError('not_found', `no ${target.kpiKey} override for ${scopeKey}`)
    const { count } = await tx.threshold.deleteMany({ where: { id: existing.id, version } })
    if (count === 0)
      throw new VersionConflict(`threshold changed since version ${version}`, toThreshold(existing), 'query.version')
    await writeAudit(tx, {
      organizationId,
      actorId: actor.actorId,
      action: 'threshold.deleted',
      entity: 'threshold',
      entityId: existing.id,
      before: toThreshold(existing),
      after: null,
    })
  })
}
