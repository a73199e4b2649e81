import type { Prisma, PrismaClient } from '@kpi/db/generated/prisma/client'
import { getKpi } from '@kpi/domain/kpis/registry'
import { periodContaining, type PeriodSettings, type PeriodType } from '@kpi/domain/periods'
import { parseScope, type Scope } from '@kpi/domain/scope'
import { writeAudit } from '../../audit/audit.db.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import type { Target, TargetQuery, TargetRow } from '@kpi/contract/targets'

type Db = PrismaClient | Prisma.TransactionClient
type Actor = { organizationId: number; actorId: number }
export type Row = Prisma.TargetGetPayload<object>

export const PERIOD_TO_DB = { day: 'DAY', week: 'WEEK', month: 'MONTH', quarter: 'QUARTER', year: 'YEAR' } as const
const SCOPE_TO_DB = { org: 'ORGANIZATION', region: 'REGION', team: 'TEAM', rep: 'REP', customer: 'CUSTOMER' } as const

export const toLocalDate = (date: Date): string => date.toISOString().slice(0, 10)
export const fromLocalDate = (date: string): Date => new Date(`${date}T00:00:00Z`)

export function toTarget(row: Row): Target {
  return {
    id: row.id,
    kpiKey: row.kpiKey,
    scope: row.scopeKey,
    periodType: row.periodType.toLowerCase() as PeriodType,
    periodStart: toLocalDate(row.periodStart),
    value: Number(row.value),
    version: row.version,
  }
}

export async function periodSettings(db: Db, organizationId: number): Promise<PeriodSettings> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { timeZone: true, fiscalYearStartMonth: true },
  })
  return org
}

export async function listTargets(db: Db, organizationId: number, query: TargetQuery, scopeKeys: string[] | null) {
  const where: Prisma.TargetWhereInput = { organizationId }
  if (query.scope !== undefined) where.scopeKey = query.scope
  else if (scopeKeys !== null) where.scopeKey = { in: scopeKeys }
  if (query.period !== undefined) where.periodType = PERIOD_TO_DB[query.period]
  if (query.kpiKey !== undefined) where.kpiKey = query.kpiKey
  if (query.from !== undefined || query.to !== undefined) {
    where.periodStart = {
      ...(query.from !== undefined ? { gte: fromLocalDate(query.from) } : {}),
      ...(query.to !== undefined ? { lte: fromLocalDate(query.to) } : {}),
    }
  }
  const rows = await db.target.findMany({
    where,
    orderBy: [{ kpiKey: 'asc' }, { scopeKey: 'asc' }, { periodType: 'asc' }, { periodStart: 'asc' }],
  })
  return { targets: rows.map(toTarget) }
}

/** The typed foreign key beside scope_key (referential integrity; cascades when the team/rep goes). */
export function scopeColumns(scope: Scope) {
  return {
    scopeType: SCOPE_TO_DB[scope.type],
    scopeKey: scope.type === 'org' ? 'org' : `${scope.type}:${scope.id}`,
    regionId: scope.type === 'region' ? scope.id : null,
    teamId: scope.type === 'team' ? scope.id : null,
    userId: scope.type === 'rep' ? scope.id : null,
    customerId: scope.type === 'customer' ? scope.id : null,
  }
}

export type CheckedRow = TargetRow & { parsed: Scope; field: string }

/**
 * Row rules zod cannot know: the KPI has a direction and is defined for the scope type, periodStart is the first day of its period in
 * the organisation's settings, and no (KPI, scope, period) appears twice. 400 naming `body.targets.<i>.<field>`.
 */
export function checkRows(rows: TargetRow[], settings: PeriodSettings): CheckedRow[] {
  const seen = new Map<string, number>()
  return rows.map((row, i) => {
    const parsed = parseScope(row.scope)!
    const field = `body.targets.${i}`
    // A split (revenue by type) is informative only: no direction, so no status and nothing to aim for.
    if (getKpi(row.kpiKey).direction === 'neutral') {
      throw new HttpError(
        'validation_failed',
        `${row.kpiKey} has no direction, so it takes no target`,
        `${field}.kpiKey`,
      )
    }
    if (!getKpi(row.kpiKey).scopes.includes(parsed.type)) {
      throw new HttpError(
        'validation_failed',
        `${row.kpiKey} is not computed for ${parsed.type} scopes`,
        `${field}.scope`,
      )
    }
    const period = periodContaining(row.periodStart, row.periodType, settings)
    if (period.startDate !== row.periodStart) {
      throw new HttpError(
        'validation_failed',
        `a ${row.periodType} starts on ${period.startDate}, not ${row.periodStart}`,
        `${field}.periodStart`,
      )
    }
    const key = `${row.kpiKey}|${row.scope}|${row.periodType}|${row.periodStart}`
    const first = seen.get(key)
    if (first !== undefined)
      throw new HttpError('validation_failed', `same KPI, scope and period as row ${first}`, field)
    seen.set(key, i)
    return { ...row, parsed, field }
  })
}

export async function findTarget(db: Db, organizationId: number, id: number): Promise<Row> {
  const row = await db.target.findFirst({ where: { id, organizationId } })
  if (!row) throw new HttpError('not_found', `target ${id} not found`)
  return row
}

export async function deleteTarget(prisma: PrismaClient, actor: Actor, row: Row, version: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.target.deleteMany({ where: { id: row.id, version } })
    if (count === 0) {
      const current = await tx.target.findUnique({ where: { id: row.id } })
      throw new VersionConflict(
        `target changed since version ${version}`,
        current ? toTarget(current) : null,
        'query.version',
      )
    }
    await writeAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.actorId,
      action: 'target.deleted',
      entity: 'target',
      entityId: row.id,
      before: toTarget(row),
      after: null,
    })
  })
}
