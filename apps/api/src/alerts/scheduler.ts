import { toInstant } from '@kpi/domain/time-zone'
import type { AppStore } from '../plugins/store.ts'
import { detectStatusChanges } from './detect.ts'
import { strictEgress, type WebhookEgress } from './egress.ts'
import { deliverDue } from './webhooks.ts'

export type AlertOptions = {
  /** Quiet time after the last change before re-evaluating: an import fires many changes in a row. */
  debounceMs?: number
  /** A burst of changes that never pauses for debounceMs is evaluated this long after its first change at most. */
  debounceMaxMs?: number
  /**
   * Re-evaluation of every organisation: the period rolls over and pro-rated targets move with the date. An
   * organisation whose data version and local date did not move is skipped (detect.ts, at most REFRESH_AFTER_MS).
   */
  detectEveryMs?: number
  /** How often due webhook deliveries are looked for (retries; new ones are also sent right after detection). */
  deliverEveryMs?: number
  /** Evaluate every organisation once at start (default true). */
  runAtStart?: boolean
  /**
   * After a detection of an organisation that took d ms, the next one for it waits until restFactor × d has passed
   * (default 2): on a large database a detection is tens of seconds of PostgreSQL work, and a steady trickle of
   * writes would otherwise keep one running back to back. Small organisations (d of a few ms) never notice.
   */
  restFactor?: number
  clock?: () => Date
  /** Where webhooks may be sent (config WEBHOOK_ALLOW_PRIVATE_HOSTS); public addresses only by default. */
  egress?: WebhookEgress
}

type Log = { error: (obj: object, message: string) => void; debug: (obj: object, message: string) => void }

export type AlertScheduler = {
  /** Schedules a detection for one organisation after the debounce; returns at once (safe on a request path). */
  request: (organizationId: number) => void
  /** Evaluates every organisation now, one after another. */
  runAll: () => Promise<void>
  /** Sends due webhook deliveries now. */
  deliver: () => Promise<void>
  /**
   * Foreground work that detection must not compete with (a CSV import holds this while it runs): no detection
   * starts until the last hold is released, a running one gives up at its next scope (rolled back, nothing
   * written), and every organisation so put off is requested again on release. Returns the release (idempotent).
   * Per process: another replica's detections do not see it.
   */
  hold: () => () => void
  /** Resolves when no detection or delivery is running or waiting on a debounce (tests, shutdown). */
  idle: () => Promise<void>
  close: () => Promise<void>
}

/**
 * The background side of alerts. Nothing here ever runs inside a request: `request()` only sets a timer. Within a
 * process one detection per organisation runs at a time (a request during a run queues exactly one more); across
 * replicas detect.ts serialises with an advisory lock. Every failure is logged and swallowed: alerts must never
 * take the API down.
 */
export function startAlertScheduler(store: AppStore, log: Log, options: AlertOptions = {}): AlertScheduler {
  const debounceMs = options.debounceMs ?? 2_000
  const restFactor = options.restFactor ?? 2
  /** Per organisation: Date.now() before which a write-triggered detection does not start (see restFactor). */
  const restUntil = new Map<number, number>()
  const clock = options.clock ?? (() => new Date())
  const egress = options.egress ?? strictEgress
  const debounceMaxMs = options.debounceMaxMs ?? 10 * debounceMs
  /** Per organisation: the detection waiting on its debounce, and when the burst it answers began. */
  const timers = new Map<number, { timer: NodeJS.Timeout; burstStartedMs: number }>()
  const running = new Map<number, Promise<void>>()
  const again = new Set<number>()
  const background = new Set<Promise<void>>()
  let delivering: Promise<void> | null = null
  let closed = false
  const stop = new AbortController()
  let holds = 0
  /** Organisations whose detection was put off or given up because of a hold. */
  const putOff = new Set<number>()
  /** Per running detection: aborted by a hold (the scheduler's `stop` aborts them all on close). */
  const yields = new Map<number, AbortController>()

  const track = (work: Promise<void>) => {
    background.add(work)
    void work.finally(() => background.delete(work))
    return work
  }

  const detect = (organizationId: number): Promise<void> => {
    const current = running.get(organizationId)
    if (current) {
      again.add(organizationId)
      return current
    }
    if (holds > 0) {
      putOff.add(organizationId)
      return Promise.resolve()
    }
    const yielded = new AbortController()
    yields.set(organizationId, yielded)
    const work = (async () => {
      const startedMs = Date.now()
      let durationMs = 0
      log.debug({ organizationId, startedMs }, 'alerts: detection started')
      try {
        const result = await detectStatusChanges(store, {
          organizationId,
          now: toInstant(clock()),
          signal: AbortSignal.any([stop.signal, yielded.signal]),
        })
        durationMs = Date.now() - startedMs
        log.debug(
          {
            organizationId,
            skipped: result.skipped,
            observed: result.observed,
            changes: result.changes.length,
            startedMs,
            durationMs,
          },
          'alerts: detection done',
        )
        if (result.deliveries > 0) void deliver()
      } catch (error) {
        if (closed) return
        if (yielded.signal.aborted) {
          log.debug({ organizationId, startedMs, durationMs: Date.now() - startedMs }, 'alerts: detection yielded')
          // Usually still held; if the hold already ended while this wound down, its release did not see us.
          if (holds > 0) putOff.add(organizationId)
          else request(organizationId)
        } else log.error({ err: error, organizationId }, 'alerts: detection failed')
      } finally {
        running.delete(organizationId)
        yields.delete(organizationId)
        if (!yielded.signal.aborted)
          restUntil.set(organizationId, Date.now() + restFactor * (durationMs || Date.now() - startedMs))
        // A change came in while this ran: one more run, after the rest.
        if (again.delete(organizationId)) request(organizationId)
      }
    })()
    running.set(organizationId, work)
    return track(work)
  }

  const deliver = (): Promise<void> => {
    if (delivering || closed) return delivering ?? Promise.resolve()
    delivering = track(
      (async () => {
        try {
          // Batches until nothing is due, so a burst of changes does not wait for the next tick.
          while (!closed && (await deliverDue(store, { now: toInstant(clock()), egress })).length > 0);
        } catch (error) {
          log.error({ err: error }, 'alerts: webhook delivery failed')
        } finally {
          delivering = null
        }
      })(),
    )
    return delivering
  }

  const runAll = async (): Promise<void> => {
    try {
      const { rows } = await store.pool.query<{ id: number }>('SELECT id FROM organizations ORDER BY id')
      for (const { id } of rows) if (!closed) await detect(id)
    } catch (error) {
      log.error({ err: error }, 'alerts: scheduled detection failed')
    }
  }

  function request(organizationId: number): void {
    if (closed) return
    const nowMs = Date.now()
    const pending = timers.get(organizationId)
    clearTimeout(pending?.timer)
    const burstStartedMs = pending?.burstStartedMs ?? nowMs
    // Quiet time after the last change, but no later than debounceMaxMs into a burst; and never inside the rest.
    const dueMs = Math.max(
      Math.min(nowMs + debounceMs, burstStartedMs + debounceMaxMs),
      restUntil.get(organizationId) ?? 0,
    )
    const timer = setTimeout(() => {
      timers.delete(organizationId)
      void detect(organizationId)
    }, dueMs - nowMs)
    timer.unref()
    timers.set(organizationId, { timer, burstStartedMs })
  }

  const detectTimer = setInterval(() => void track(runAll()), options.detectEveryMs ?? 300_000)
  const deliverTimer = setInterval(() => void deliver(), options.deliverEveryMs ?? 10_000)
  detectTimer.unref()
  deliverTimer.unref()
  if (options.runAtStart ?? true) void track(runAll())

  const hold = (): (() => void) => {
    holds += 1
    for (const yielded of yields.values()) yielded.abort()
    let released = false
    return () => {
      if (released) return
      released = true
      holds -= 1
      if (holds > 0) return
      for (const organizationId of putOff) request(organizationId)
      putOff.clear()
    }
  }

  const idle = async (): Promise<void> => {
    while (timers.size > 0 || background.size > 0) {
      if (background.size > 0) await Promise.allSettled([...background])
      else await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }

  return {
    request,
    runAll,
    deliver,
    hold,
    idle,
    async close() {
      closed = true
      stop.abort()
      clearInterval(detectTimer)
      clearInterval(deliverTimer)
      for (const { timer } of timers.values()) clearTimeout(timer)
      timers.clear()
      await Promise.allSettled([...background])
    },
  }
}
