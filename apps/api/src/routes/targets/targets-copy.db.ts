import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import { nextPeriod, periodContaining, type PeriodSettings } from '@kpi/domain/periods'
import { HttpError } from '../../http-errors.ts'
import type { CopyForward, Target } from '@kpi/contract/targets'
import { fromLocalDate, toTarget } from './targets.db.ts'
import { auditGrid } from './targets-save.db.ts'

type Actor = { organizationId: number; actorId: number }

/**
 * Copies the targets of `scopes` in the period starting `periodStart` to each of the next `count` periods of the
 * same type. A period that already has a target for that KPI and scope keeps it (never overwritten): the
 * INSERT skips duplicates of the unique key, so a concurrent edit cannot be clobbered either.
 */
export async function copyForward(
  prisma: PrismaClient,
  actor: Actor,
  request: CopyForward,
  settings: PeriodSettings,
): Promise<{ created: Target[]; skipped: number }> {
  const source = periodContaining(request.periodStart, request.periodType, settings)
  if (source.startDate !== request.periodStart) {
    throw new HttpError(
      'validation_failed',
      `a ${request.periodType} starts on ${source.startDate}`,
      'body.periodStart',
    )
  }
  const periodType = request.periodType.toUpperCase() as 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR'
  const { organizationId } = actor
  return prisma.$transaction(
    async (tx) => {
      const originals = await tx.target.findMany({
        where: {
          organizationId,
          periodType,
          periodStart: fromLocalDate(request.periodStart),
          scopeKey: { in: request.scopes },
          ...(request.kpiKeys ? { kpiKey: { in: request.kpiKeys } } : {}),
        },
      })
      const starts: string[] = []
      for (
        let period = nextPeriod(source, settings);
        starts.length < request.count;
        period = nextPeriod(period, settings)
      ) {
        starts.push(period.startDate)
      }
      const wanted = originals.flatMap(({ id: _id, version: _v, updatedAt: _u, externalId: _e, ...copy }) =>
        starts.map((start) => ({ ...copy, periodStart: fromLocalDate(start) })),
      )
      const rows = await tx.target.createManyAndReturn({ data: wanted, skipDuplicates: true })
      await auditGrid(
        tx,
        actor,
        rows.map((now) => ({ old: undefined, now })),
      )
      return { created: rows.map(toTarget), skipped: wanted.length - rows.length }
    },
    { timeout: 60_000 },
  )
}
