import { Prisma, type PrismaClient } from '@kpi/db/generated/prisma/client'
import { auditSnapshot } from '../../audit/audit.db.ts'
import { isUniqueViolation, VersionConflict } from '../settings/version-conflict.ts'
import type { Target } from '@kpi/contract/targets'
import {
  fromLocalDate,
  PERIOD_TO_DB,
  scopeColumns,
  toLocalDate,
  toTarget,
  type CheckedRow,
  type Row,
} from './targets.db.ts'

// Saving a grid is a fixed number of statements whatever its size (a row-at-a-time loop took ~8 ms per row,
// 9 s for a 1 152-cell grid): read the stored targets, one INSERT for the new cells, one UPDATE … FROM unnest for
// the changed ones with the version check in its WHERE, one INSERT for the audit entries. All in one
// transaction, so a single stale cell leaves the whole grid unwritten.

type Actor = { organizationId: number; actorId: number }

const keyOf = (kpiKey: string, scopeKey: string, periodType: string, periodStart: string) =>
  `${kpiKey}|${scopeKey}|${periodType}|${periodStart}`

/** Creates or updates every row, or none: a stale version or a colliding create → 409 naming the row. */
export async function saveTargets(prisma: PrismaClient, actor: Actor, rows: CheckedRow[]): Promise<Target[]> {
  const { organizationId } = actor
  try {
    return await prisma.$transaction(
      async (tx) => {
        const existing = await tx.target.findMany({
          where: {
            organizationId,
            kpiKey: { in: [...new Set(rows.map((r) => r.kpiKey))] },
            scopeKey: { in: [...new Set(rows.map((r) => r.scope))] },
            periodStart: { in: [...new Set(rows.map((r) => r.periodStart))].map(fromLocalDate) },
          },
        })
        const stored = new Map(
          existing.map((e) => [keyOf(e.kpiKey, e.scopeKey, e.periodType, toLocalDate(e.periodStart)), e]),
        )
        const olds = rows.map((row) =>
          stored.get(keyOf(row.kpiKey, row.scope, PERIOD_TO_DB[row.periodType], row.periodStart)),
        )

        // Conflicts visible in what we just read, reported for the first row in request order.
        rows.forEach((row, i) => {
          const old = olds[i]
          if (row.version === undefined && old) {
            const message = `a target for ${row.kpiKey} ${row.scope} ${row.periodStart} exists already`
            throw new VersionConflict(message, toTarget(old), row.field)
          }
          if (row.version !== undefined && !old) throw new VersionConflict('target was deleted', null, row.field)
          if (row.version !== undefined && old && old.version !== row.version) {
            throw new VersionConflict(`target changed since version ${row.version}`, toTarget(old), row.field)
          }
        })

        const creates = rows.filter((row) => row.version === undefined)
        const created = creates.length === 0 ? [] : await insertTargets(tx, organizationId, creates)

        const updates = rows.flatMap((row, i) => (row.version !== undefined ? [{ row, old: olds[i]! }] : []))
        const updated = new Map<number, Row>()
        if (updates.length > 0) {
          // The version in the WHERE catches a write that landed between our read and this statement.
          const ids = updates.map((u) => u.old.id)
          const versions = updates.map((u) => u.row.version!)
          const values = updates.map((u) => String(u.row.value))
          const returned = await tx.$queryRaw<Row[]>(Prisma.sql`
            UPDATE targets t SET value = v.value, version = t.version + 1, updated_at = now()
            FROM unnest(${ids}::int[], ${versions}::int[], ${values}::numeric[]) AS v(id, version, value)
            WHERE t.id = v.id AND t.version = v.version
            RETURNING ${ROW_COLUMNS}`)
          for (const row of returned) updated.set(row.id, row)
          const lost = updates.find((u) => !updated.has(u.old.id))
          if (lost) {
            const now = await prisma.target.findUnique({ where: { id: lost.old.id } })
            const message = `target changed since version ${lost.row.version}`
            throw new VersionConflict(message, now ? toTarget(now) : null, lost.row.field)
          }
        }

        const after = new Map<number, Row>(updated)
        for (const row of created) after.set(row.id, row)
        const createdByKey = new Map(
          created.map((c) => [keyOf(c.kpiKey, c.scopeKey, c.periodType, toLocalDate(c.periodStart)), c]),
        )
        const saved = rows.map((row, i) => {
          const old = olds[i]
          const id = old
            ? old.id
            : createdByKey.get(keyOf(row.kpiKey, row.scope, PERIOD_TO_DB[row.periodType], row.periodStart))!.id
          return { old, now: after.get(id)! }
        })

        await auditGrid(tx, actor, saved)
        return saved.map(({ now }) => toTarget(now))
      },
      { timeout: 30_000 },
    )
  } catch (error) {
    // Two saves creating the same cell at once: the loser's INSERT hits the unique key.
    if (isUniqueViolation(error)) {
      throw new VersionConflict('a target in this request was created meanwhile; reload', null, 'body.targets')
    }
    throw error
  }
}

/** The target columns under the names Prisma gives them, so raw rows read like `tx.target` rows. */
const ROW_COLUMNS = Prisma.sql`t.id, t.kpi_key AS "kpiKey", t.scope_key AS "scopeKey", t.period_type AS "periodType",
  t.period_start AS "periodStart", t.value, t.version`

/** One INSERT … SELECT FROM unnest for all new cells (Prisma's createManyAndReturn took ~2 ms per row). */
async function insertTargets(tx: Prisma.TransactionClient, organizationId: number, rows: CheckedRow[]): Promise<Row[]> {
  const cols = rows.map((row) => ({ ...scopeColumns(row.parsed), row }))
  return tx.$queryRaw<Row[]>(Prisma.sql`
    INSERT INTO targets AS t (organization_id, kpi_key, scope_type, scope_key, team_id, user_id, customer_id,
                              period_type, period_start, value, updated_at)
    SELECT ${organizationId}, v.* , now() FROM unnest(
      ${cols.map((c) => c.row.kpiKey)}::text[],
      ${cols.map((c) => c.scopeType)}::text[]::"ScopeType"[],
      ${cols.map((c) => c.scopeKey)}::text[],
      ${cols.map((c) => c.teamId)}::int[],
      ${cols.map((c) => c.userId)}::int[],
      ${cols.map((c) => c.customerId)}::int[],
      ${cols.map((c) => PERIOD_TO_DB[c.row.periodType])}::text[]::"PeriodType"[],
      ${cols.map((c) => c.row.periodStart)}::date[],
      ${cols.map((c) => String(c.row.value))}::numeric[]
    ) AS v
    RETURNING ${ROW_COLUMNS}`)
}

/**
 * The audit entries of a grid (or a copy-forward) in one INSERT, with the audit writer's own snapshot (auditSnapshot: same JSON, same
 * secret filter) — writeAudit's per-entry round trip is what made a large grid slow.
 */
export async function auditGrid(
  tx: Prisma.TransactionClient,
  actor: Actor,
  saved: { old: Row | undefined; now: Row }[],
) {
  const json = (row: Row | undefined) => (row ? JSON.stringify(auditSnapshot(toTarget(row))) : null)
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO audit_log (organization_id, actor_id, action, entity, entity_id, before, after)
    SELECT ${actor.organizationId}, ${actor.actorId}, v.action, 'target', v.entity_id, v.before, v.after FROM unnest(
      ${saved.map((s) => (s.old ? 'target.updated' : 'target.created'))}::text[],
      ${saved.map((s) => String(s.now.id))}::text[],
      ${saved.map((s) => json(s.old))}::jsonb[],
      ${saved.map((s) => json(s.now))}::jsonb[]
    ) AS v(action, entity_id, before, after)`)
}
