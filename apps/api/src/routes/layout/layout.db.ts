import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import { writeAudit } from '../../audit/audit.db.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import type { Layout, LayoutPut } from '@kpi/contract/layout'

// The layout is edited as a whole (the admin screen drags areas and KPIs around), so it has one version: every
// PUT stamps all its areas with the new version, and the layout version is the highest area version (0 while
// nothing is stored and the SPEC default applies). Writers serialise on the organisation row, so two PUTs based
// on the same version cannot both pass the check.

type Db = PrismaClient | Prisma.TransactionClient
type Actor = { organizationId: number; actorId: number }

/** More than this many KPIs in one area draws a warning (SPEC: at most 3 per area by default). */
export const KPIS_PER_AREA_WARNING = 3

function warningsFor(areas: Layout['areas']): Layout['warnings'] {
  return areas
    .filter((area) => area.kpiKeys.length > KPIS_PER_AREA_WARNING)
    .map((area) => ({
      area: area.key,
      kpiCount: area.kpiKeys.length,
      message: `${area.name.en} has ${area.kpiKeys.length} KPIs; focus areas work best with at most ${KPIS_PER_AREA_WARNING}`,
    }))
}

export async function getLayout(db: Db, organizationId: number): Promise<Layout> {
  const rows = await db.focusArea.findMany({
    where: { organizationId },
    orderBy: { rank: 'asc' },
    include: { kpis: { orderBy: { rank: 'asc' } } },
  })
  if (rows.length === 0) {
    const areas = DEFAULT_FOCUS_AREAS.map(({ key, name, rank, kpiKeys }) => ({
      key,
      name,
      rank,
      kpiKeys: [...kpiKeys],
    }))
    return { source: 'default', version: 0, areas, warnings: warningsFor(areas) }
  }
  const areas = rows.map((row) => ({
    key: row.key,
    name: { en: row.nameEn, nl: row.nameNl },
    rank: row.rank,
    kpiKeys: row.kpis.map((k) => k.kpiKey),
  }))
  return { source: 'stored', version: Math.max(...rows.map((r) => r.version)), areas, warnings: warningsFor(areas) }
}

/** 400 for a repeated area key or a KPI placed in two areas, naming the second occurrence. */
function assertConsistent(put: LayoutPut): void {
  const areaKeys = new Set<string>()
  const placed = new Map<string, string>()
  put.areas.forEach((area, a) => {
    if (areaKeys.has(area.key))
      throw new HttpError('validation_failed', `area ${area.key} appears twice`, `body.areas.${a}.key`)
    areaKeys.add(area.key)
    area.kpiKeys.forEach((kpiKey, k) => {
      const other = placed.get(kpiKey)
      if (other !== undefined) {
        throw new HttpError(
          'validation_failed',
          `${kpiKey} is already in area ${other}; a KPI may appear in one area only`,
          `body.areas.${a}.kpiKeys.${k}`,
        )
      }
      placed.set(kpiKey, area.key)
    })
  })
}

/** Replaces the whole layout if it is still at `put.version`; one audit entry with the layout before and after. */
export async function replaceLayout(prisma: PrismaClient, actor: Actor, put: LayoutPut): Promise<Layout> {
  assertConsistent(put)
  const { organizationId } = actor
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM organizations WHERE id = ${organizationId} FOR UPDATE`
    const before = await getLayout(tx, organizationId)
    if (before.version !== put.version) {
      throw new VersionConflict(`layout changed since version ${put.version}`, before, 'body.version')
    }
    const version = before.version + 1
    const existing = await tx.focusArea.findMany({ where: { organizationId } })
    const keep = new Set(put.areas.map((a) => a.key))
    await tx.focusArea.deleteMany({ where: { organizationId, key: { notIn: [...keep] } } })
    for (const [index, area] of put.areas.entries()) {
      const data = { nameEn: area.name.en, nameNl: area.name.nl, rank: index + 1, version }
      const old = existing.find((e) => e.key === area.key)
      const { id } = old
        ? await tx.focusArea.update({ where: { id: old.id }, data })
        : await tx.focusArea.create({ data: { organizationId, key: area.key, ...data } })
      await tx.focusAreaKpi.deleteMany({ where: { focusAreaId: id } })
      await tx.focusAreaKpi.createMany({
        data: area.kpiKeys.map((kpiKey, k) => ({ focusAreaId: id, kpiKey, rank: k + 1 })),
      })
    }
    const after = await getLayout(tx, organizationId)
    await writeAudit(tx, {
      organizationId,
      actorId: actor.actorId,
      action: 'layout.updated',
      entity: 'layout',
      entityId: organizationId,
      before: { version: before.version, areas: before.areas },
      after: { version: after.version, areas: after.areas },
    })
    return after
  })
}
