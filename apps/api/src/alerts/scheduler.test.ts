import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { alertsTenant, NOW, winBigDeal } from './alerts-fixture.ts'
import { startReceiver } from './receiver.ts'
import { startAlertScheduler, type AlertOptions } from './scheduler.ts'

// The real scheduler (pg-boss) on a real database; its debug log (one line per finished detection, with when it
// started and how long it took) tells what ran when. Two schedulers on one database are two API replicas.

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

/** A committed change to the organisation's data, as every writer's transaction makes it (the trigger's call). */
const dataChanged = (organizationId: number) =>
  db.pool.query('SELECT kpi_bump_data_versions(ARRAY[$1]::int[])', [organizationId])

/** A scheduler with its log collected; `firstStarted` resolves when its first detection begins. */
async function scheduler(options: AlertOptions) {
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
  const alerts = await startAlertScheduler(db, log, {
    runAtStart: false,
    detectCron: null,
    deliverCron: null,
    pollMs: 500,
    clock: () => new Date(NOW),
    ...options,
  })
  return { alerts, runs, yielded, errors, firstStarted }
}

describe('alert scheduler', () => {
  test('after a detection that took d ms, the next one for the organisation waits restFactor × d', async () => {
    const tenant = await alertsTenant(db.pool)
    const { organizationId } = tenant
    const { alerts, runs, errors } = await scheduler({ debounceMs: 5, restFactor: 3 })
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

  test('changes that never pause for the debounce are still evaluated during the burst', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const { alerts, runs, errors } = await scheduler({ debounceMs: 50, restFactor: 0 })
    try {
      // A change every 10 ms for 1.5 s: a plain debounce (reset on every change) would run nothing until it ends;
      // the queue keeps one detection waiting per organisation, due debounceMs after the first change it answers.
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
    const { alerts, runs, yielded, errors, firstStarted } = await scheduler({ debounceMs: 5, restFactor: 0 })
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
    const { alerts, runs, yielded, errors, firstStarted } = await scheduler({ debounceMs: 5, restFactor: 0 })
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

  test("two replicas never run the same organisation's detection at once", async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const a = await scheduler({ debounceMs: 5, restFactor: 0 })
    const b = await scheduler({ debounceMs: 5, restFactor: 0 })
    try {
      // Changes for 2 s, each seen by both replicas (the trigger's NOTIFY), each asked of both by hand too.
      const started = Date.now()
      while (Date.now() - started < 2_000) {
        await dataChanged(organizationId)
        a.alerts.request(organizationId)
        b.alerts.request(organizationId)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await Promise.all([a.alerts.idle(), b.alerts.idle()])
      expect([...a.errors, ...b.errors]).toEqual([])
      const runs = [...a.runs, ...b.runs].sort((x, y) => x.startedMs - y.startedMs)
      expect(a.runs.length + b.runs.length).toBeGreaterThanOrEqual(2)
      // Each started after the one before it ended.
      for (let i = 1; i < runs.length; i++)
        expect(runs[i]!.startedMs).toBeGreaterThanOrEqual(runs[i - 1]!.startedMs + runs[i - 1]!.durationMs)
    } finally {
      await Promise.all([a.alerts.close(), b.alerts.close()])
    }
  })

  test('a hold taken on replica A puts off detection on replica B until A releases it', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const a = await scheduler({ debounceMs: 5, restFactor: 0 })
    const b = await scheduler({ debounceMs: 5, restFactor: 0, holdRecheckMs: 60_000 })
    try {
      const release = a.alerts.hold()
      await a.alerts.idle() // the hold is taken
      await dataChanged(organizationId) // B hears of it, as every replica does
      b.alerts.request(organizationId)
      await new Promise((resolve) => setTimeout(resolve, 1_000)) // B's worker polls every 500 ms
      await b.alerts.idle()
      expect(b.runs).toEqual([])
      expect(await statusRows(organizationId)).toBe(0)
      release()
      await a.alerts.idle() // the release lets every put-off detection go, whichever replica put it off
      await b.alerts.idle()
      expect([...a.runs, ...b.runs].map((r) => r.skipped)).toEqual([false])
      expect(await statusRows(organizationId)).toBeGreaterThan(0)
      expect([...a.errors, ...b.errors]).toEqual([])
    } finally {
      await Promise.all([a.alerts.close(), b.alerts.close()])
    }
  })

  test('a hold taken on one replica makes a detection running on another give up (the hold is announced)', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    const a = await scheduler({ debounceMs: 5, restFactor: 0, holdRecheckMs: 60_000 })
    const b = await scheduler({ debounceMs: 5, restFactor: 0, holdRecheckMs: 60_000 })
    try {
      a.alerts.request(organizationId)
      // Either replica's worker may take the job: the other one takes the hold.
      const running = await Promise.race([a.firstStarted.then(() => a), b.firstStarted.then(() => b)])
      const holder = running === a ? b : a
      const release = holder.alerts.hold()
      await running.alerts.idle()
      // It stopped at its next scope and rolled back: no run finished, nothing stored.
      expect(running.runs).toEqual([])
      expect(running.yielded).toHaveLength(1)
      expect(await statusRows(organizationId)).toBe(0)
      release()
      await holder.alerts.idle()
      await running.alerts.idle()
      expect([...a.runs, ...b.runs].map((r) => r.skipped)).toEqual([false])
      expect([...a.errors, ...b.errors]).toEqual([])
    } finally {
      await Promise.all([a.alerts.close(), b.alerts.close()])
    }
  })

  test('a failed webhook delivery is retried after its back-off', async () => {
    const { organizationId } = await alertsTenant(db.pool)
    await using receiver = await startReceiver(500)
    const { alerts, errors } = await scheduler({
      clock: () => new Date(),
      egress: { allowPrivateHosts: true },
      webhookBackoffMs: [700, 700],
    })
    try {
      const { rows } = await db.pool.query<{ id: string }>(
        `WITH hook AS (INSERT INTO webhooks (organization_id, url, secret) VALUES ($1, $2, 's') RETURNING id)
         INSERT INTO webhook_deliveries (webhook_id, event_id, payload, next_attempt_at)
         SELECT id, 'e-1', '{"n":1}', now() FROM hook RETURNING id::text`,
        [organizationId, receiver.url],
      )
      const arrived = async (count: number) => {
        while (receiver.received.length < count) await new Promise((resolve) => setTimeout(resolve, 10))
        return Date.now()
      }
      await alerts.deliver()
      const failedAt = await arrived(1) // 500: a failure
      receiver.status = 200
      const retriedAt = await arrived(2)
      await alerts.idle()
      expect(retriedAt - failedAt).toBeGreaterThanOrEqual(700 - 50) // not sooner than the back-off
      expect(receiver.received).toHaveLength(2)
      const delivery = await db.pool.query(
        `SELECT status::text, attempts, last_status_code FROM webhook_deliveries WHERE id = $1`,
        [rows[0]!.id],
      )
      expect(delivery.rows).toEqual([{ status: 'DELIVERED', attempts: 2, last_status_code: 200 }])
      expect(errors).toEqual([])
    } finally {
      await alerts.close()
    }
  })
})
