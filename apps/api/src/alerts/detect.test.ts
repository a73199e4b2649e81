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

  test('nothing moved since the last detection → skipped; a write, a new local day or the hour passing → run again', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    const at = (iso: string) => detectStatusChanges(db, { organizationId, now: iso })
    const first = await at(NOW)
    expect(first).toMatchObject({ skipped: false })
    expect(first.observed).toBeGreaterThan(0)
    // Same data version, same local date (Europe/Amsterdam), within the hour: nothing read, nothing written.
    expect(await at(NOW)).toEqual({ skipped: true, observed: 0, changes: [], notifications: 0, deliveries: 0 })
    expect(await at('2026-11-16T12:59:00.000Z')).toMatchObject({ skipped: true })
    // An hour after the last run it runs again (records dated ahead enter running periods without a write).
    expect(await at('2026-11-16T13:00:00.000Z')).toMatchObject({ skipped: false })
    expect(await at('2026-11-16T13:30:00.000Z')).toMatchObject({ skipped: true })
    // A write bumps the data version: the next detection runs and finds the change it made.
    await winBigDeal(db.pool, tenant)
    const afterWrite = await at('2026-11-16T13:31:00.000Z')
    expect(afterWrite.skipped).toBe(false)
    expect(afterWrite.changes.map((c) => [c.kpiKey, c.from, c.status])).toContainEqual(['revenue.won', 'red', 'green'])
    // A new local day (pace counts working days) runs it even within the hour: 22:59Z is 23:59 in Amsterdam,
    // 23:00Z is already Tuesday there.
    const hours = (h: number) => ({ organizationId, refreshAfterMs: h * 3_600_000 })
    expect(await detectStatusChanges(db, { ...hours(24), now: '2026-11-16T22:59:00.000Z' })).toMatchObject({
      skipped: true,
    })
    expect(await detectStatusChanges(db, { ...hours(24), now: '2026-11-16T23:00:00.000Z' })).toMatchObject({
      skipped: false,
    })
    const { rows } = await db.pool.query(
      `SELECT to_char(local_date, 'YYYY-MM-DD') AS local_date, detected_at FROM alert_detections WHERE organization_id = $1`,
      [organizationId],
    )
    expect(rows).toEqual([{ local_date: '2026-11-17', detected_at: new Date('2026-11-16T23:00:00.000Z') }])
  })
})
