import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { alertsTenant, NOW, winBigDeal } from './alerts-fixture.ts'
import { startAlertScheduler, type AlertOptions } from './scheduler.ts'

// The real scheduler on a real database; its debug log (one line per finished detection, with when it started
// and how long it took) tells what ran when.

type Run = { organizationId: number; skipped: boolean; changes: number; startedMs: number; durationMs: number }

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const statusRows = async (organizationId: number) =>
  (await db.pool.query(`SELECT count(*)::int AS n FROM kpi_statuses WHERE organization_id = $1`, [organizationId]))
    .rows[0].n as number

/** A scheduler with its log collected; `firstStarted` resolves when its first detection begins. */
function scheduler(options: AlertOptions) {
  const runs: Run[] = []
  const yielded: object[] = []
  const errors: object[] = []
  let started!: () => void
  const firstStarted = new Promise<void>((resolve) => (started = resolve))
  const log = {
    error: (obj: object) => errors.push(obj),
    debug: (obj: object, message: string) => {
      if (message === 'alerts: detection started') started()
      if (message === 'alerts: detection done') runs.push(obj as Run)
      if (message === 'alerts: detection yielded') yielded.push(obj)
    },
  }
  const alerts = startAlertScheduler(db, log, {
    runAtStart: false,
    detectEveryMs: 3_600_000,
    deliverEveryMs: 3_600_000,
    clock: () => new Date(NOW),
    ...options,
  })
  return { alerts, runs, yielded, errors, firstStarted }
}

describe('alert scheduler', () => {
  test('after a detection that took d ms, the next one for the organisation waits restFactor × d', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    const { alerts, runs, errors } = scheduler({ debounceMs: 5, restFactor: 3 })
    try {
      alerts.request(organizationId)
      await alerts.idle()
      await winBigDeal(db.pool, tenant) // a new data version: the next run must not be skipped
      alerts.request(organizationId)
      await alerts.idle()
      expect(errors).toEqual([])
      expect(runs.map((r) => [r.skipped, r.changes > 0])).toEqual([
        [false, false], // the first observation is recorded silently
        [false, true], // red → green
      ])
      const [first, second] = runs as [Run, Run]
      const firstEnded = first.startedMs + first.durationMs
      expect(first.durationMs).toBeGreaterThan(0)
      expect(second.startedMs - firstEnded).toBeGreaterThanOrEqual(3 * first.durationMs - 1)
    } finally {
      await alerts.close()
    }
  })

  test('changes that never pause for the debounce are still evaluated, debounceMaxMs into the burst', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const { alerts, runs, errors } = scheduler({ debounceMs: 50, debounceMaxMs: 200, restFactor: 0 })
    try {
      // A change every 10 ms for 1.5 s: a plain debounce (reset on every change) would run nothing until it ends.
      const burstStarted = Date.now()
      while (Date.now() - burstStarted < 1500) {
        alerts.request(organizationId)
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      const burstEnded = Date.now()
      await alerts.idle()
      expect(errors).toEqual([])
      expect(runs.length).toBeGreaterThanOrEqual(2)
      expect(runs[0]!.startedMs).toBeLessThan(burstEnded)
    } finally {
      await alerts.close()
    }
  })

  test('a hold (an import) makes a running detection give up, puts new ones off, and its release runs them', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const { alerts, runs, yielded, errors, firstStarted } = scheduler({ debounceMs: 5, restFactor: 0 })
    try {
      alerts.request(organizationId)
      await firstStarted
      const release = alerts.hold()
      await alerts.idle()
      // It stopped at its next scope and rolled back: no run finished, nothing stored.
      expect(runs).toEqual([])
      expect(yielded).toHaveLength(1)
      expect(await statusRows(organizationId)).toBe(0)
      // A change while held waits for the release — of every hold: releasing one twice does not free another.
      const other = alerts.hold()
      alerts.request(organizationId)
      release()
      release()
      await new Promise((resolve) => setTimeout(resolve, 50))
      await alerts.idle()
      expect(runs).toEqual([])
      other()
      await alerts.idle()
      expect(runs.map((r) => r.skipped)).toEqual([false])
      expect(await statusRows(organizationId)).toBeGreaterThan(0)
      expect(errors).toEqual([])
    } finally {
      await alerts.close()
    }
  })

  test('a hold released before the running detection has wound down still gets that detection re-run', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const { alerts, runs, yielded, errors, firstStarted } = scheduler({ debounceMs: 5, restFactor: 0 })
    try {
      alerts.request(organizationId)
      await firstStarted
      alerts.hold()() // taken and released at once: the detection sees the abort only at its next scope
      await alerts.idle()
      expect(yielded).toHaveLength(1)
      expect(runs.map((r) => r.skipped)).toEqual([false])
      expect(await statusRows(organizationId)).toBeGreaterThan(0)
      expect(errors).toEqual([])
    } finally {
      await alerts.close()
    }
  })
})
