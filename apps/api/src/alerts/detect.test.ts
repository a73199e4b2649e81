import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { alertsTenant, NOW, winBigDeal } from './alerts-fixture.ts'
import { detectStatusChanges } from './detect.ts'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

describe('detectStatusChanges', () => {
  test('a won deal turning a rep red → green notifies admin, team manager and the rep, once', async () => {
    const tenant = await alertsTenant(db.pool)
    const rep = tenant.teams[0].reps[0]
    const organizationId = tenant.organizationId

    // First observation: recorded, nobody told (nothing changed yet).
    const first = await detectStatusChanges(db, { organizationId, now: NOW })
    expect(first.changes).toEqual([])
    const stored = await db.pool.query(
      `SELECT status FROM kpi_statuses WHERE organization_id = $1 AND scope_key = $2 AND kpi_key = 'revenue.won' AND period_type = 'MONTH'`,
      [organizationId, `rep:${rep.id}`],
    )
    expect(stored.rows).toEqual([{ status: 'red' }]) // 0 won of a pro-rated ~5 000

    await winBigDeal(db.pool, tenant)
    const second = await detectStatusChanges(db, { organizationId, now: NOW })
    const monthChange = second.changes.filter((c) => c.periodType === 'month')
    expect(monthChange.map((c) => [c.scopeKey, c.kpiKey, c.from, c.status])).toEqual([
      [`rep:${rep.id}`, 'revenue.won', 'red', 'green'],
    ])

    const { rows } = await db.pool.query<{ user_id: number }>(
      `SELECT DISTINCT user_id FROM notifications WHERE organization_id = $1 ORDER BY user_id`,
      [organizationId],
    )
    const expected = [tenant.admin.id, tenant.teams[0].manager.id, rep.id].sort((a, b) => a - b)
    // Not the teammate (leaderboard off), not teams[1]'s manager or reps, nobody of the other organisation.
    expect(rows.map((r) => r.user_id)).toEqual(expected)
    const perUser = await db.pool.query(
      `SELECT user_id, kpi_key, scope_key, period_type::text, period_label, period_start::text, from_status, to_status
         FROM notifications WHERE organization_id = $1 AND period_type = 'MONTH' ORDER BY user_id`,
      [organizationId],
    )
    expect(perUser.rows).toEqual(
      expected.map((user_id) => ({
        user_id,
        kpi_key: 'revenue.won',
        scope_key: `rep:${rep.id}`,
        period_type: 'MONTH',
        period_label: perUser.rows[0].period_label,
        period_start: '2026-11-01',
        from_status: 'red',
        to_status: 'green',
      })),
    )
    expect(second.notifications).toBe(second.changes.length * 3)

    // Nothing changed since: nothing new.
    const third = await detectStatusChanges(db, { organizationId, now: NOW })
    expect(third.changes).toEqual([])
    const count = await db.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE organization_id = $1`, [
      organizationId,
    ])
    expect(count.rows[0].n).toBe(second.notifications)
  })

  test('two detections at once (two replicas) announce a change once: the advisory lock serialises them', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    await detectStatusChanges(db, { organizationId, now: NOW })
    await winBigDeal(db.pool, tenant)
    const [a, b] = await Promise.all([
      detectStatusChanges(db, { organizationId, now: NOW }),
      detectStatusChanges(db, { organizationId, now: NOW }),
    ])
    // Whichever ran second saw the first one's statuses and found nothing new.
    expect([a.changes.length, b.changes.length].sort()).toEqual([0, a.changes.length + b.changes.length])
    expect(a.changes.length + b.changes.length).toBeGreaterThan(0)
    const { rows } = await db.pool.query(
      `SELECT user_id, kpi_key, scope_key, period_type, count(*)::int AS n FROM notifications
        WHERE organization_id = $1 GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
      [organizationId],
    )
    expect(rows).toEqual([])
  })

  test('transitions to no-data / no-target are not announced and keep the last colour', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    const rep = tenant.teams[0].reps[0]
    await detectStatusChanges(db, { organizationId, now: NOW }) // red
    await db.pool.query(`DELETE FROM targets WHERE organization_id = $1`, [organizationId]) // → no-target
    const none = await detectStatusChanges(db, { organizationId, now: NOW })
    expect(none.changes).toEqual([])
    const { rows } = await db.pool.query(
      `SELECT status FROM kpi_statuses WHERE organization_id = $1 AND scope_key = $2 AND kpi_key = 'revenue.won' AND period_type = 'MONTH'`,
      [organizationId, `rep:${rep.id}`],
    )
    expect(rows).toEqual([{ status: 'red' }])
  })
})
