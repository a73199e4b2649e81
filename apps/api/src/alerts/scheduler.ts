import { PgBoss } from 'pg-boss'
import { toInstant } from '@kpi/domain/time-zone'
import type { AppStore } from '../plugins/store.ts'
import { listenForDataChanges } from './data-changes.ts'
import { detectStatusChanges } from './detect.ts'
import { strictEgress, type WebhookEgress } from './egress.ts'
import { isHeld, takeHold } from './hold.ts'
import { BACKOFF_MS, deliverDue, nextDeliveryDue } from './webhooks.ts'

/** pg-boss keeps its tables in a schema of their own, created at the first start (Prisma's migrations never see it). */
export const QUEUE_SCHEMA = 'pgboss'
/** One detection per organisation (singletonKey): at most one running and one waiting, across every replica. */
const DETECT = 'alerts.detect'
/** Queues a detection of every organisation (cron and start). */
const DETECT_ALL = 'alerts.detect-all'
/** Sends due webhook deliveries; a retry is a job started when its back-off ends (one per due time). */
const DELIVER = 'webhooks.deliver'
const QUEUES = [DETECT, DETECT_ALL, DELIVER]

export type AlertOptions = {
  /** Wait after a change before detecting: an import or a burst of writes becomes one detection. */
  debounceMs?: number
  /**
   * Re-evaluation of every organisation (cron, null for none): the period rolls over and pro-rated targets move
   * with the date. An organisation whose data version and local date did not move is skipped (detect.ts).
   */
  detectCron?: string | null
  /** A sweep for due deliveries the retry jobs do not cover (a webhook reactivated); null for none. */
  deliverCron?: string | null
  /** Evaluate every organisation once at start (default true). */
  runAtStart?: boolean
  /**
   * After a detection of an organisation that took d ms, the next one for it waits until restFactor × d has passed
   * (default 2): on a large database a detection is tens of seconds of PostgreSQL work, and a steady trickle of
   * writes would otherwise keep one running back to back. Small organisations (d of a few ms) never notice.
   */
  restFactor?: number
  /** How often a detection put off by an import hold looks again (the release itself also lets them go). */
  holdRecheckMs?: number
  /** How often the workers look for due jobs (pg-boss polling; at least 500). */
  pollMs?: number
  /** Waits between failed webhook attempts (webhooks.ts BACKOFF_MS). */
  webhookBackoffMs?: readonly number[]
  clock?: () => Date
  /** Where webhooks may be sent (config WEBHOOK_ALLOW_PRIVATE_HOSTS); public addresses only by default. */
  egress?: WebhookEgress
  /** PUBLIC_URL, for the links in Slack and Teams messages (buildApp passes the config's). */
  publicUrl?: string
}

type Log = { error: (obj: object, message: string) => void; debug: (obj: object, message: string) => void }
type DetectJob = { organizationId: number; putOff?: true }

export type AlertScheduler = {
  /** Queues a detection for one organisation after the debounce; returns at once (safe on a request path). */
  request: (organizationId: number) => void
  /** Queues a detection of every organisation now. */
  runAll: () => Promise<void>
  /** Queues a sweep of due webhook deliveries now. */
  deliver: () => Promise<void>
  /**
   * Foreground work that detection must not compete with (a CSV import holds this while it runs), on every
   * replica: no detection starts until the last hold is released, a running one gives up at its next scope
   * (rolled back, nothing written), and every organisation so put off is evaluated on release. Returns the
   * release (idempotent).
   */
  hold: () => () => void
  /**
   * Resolves when every change committed before the call has been heard and no job is running or waiting,
   * put-off detections aside (tests).
   */
  idle: () => Promise<void>
  close: () => Promise<void>
}

/**
 * The background side of alerts, on a durable PostgreSQL job queue (pg-boss). Nothing here runs inside a request:
 * `request()` only queues a job. A detection of one organisation runs once at a time across replicas (a stately
 * queue keyed by organisation; detect.ts also takes an advisory lock). Every failure is logged and swallowed:
 * alerts must never take the API down. Close waits for running jobs (a detection gives up at its next scope).
 */
export async function startAlertScheduler(
  store: AppStore,
  log: Log,
  options: AlertOptions = {},
): Promise<AlertScheduler> {
  const debounceMs = options.debounceMs ?? 2_000
  const restFactor = options.restFactor ?? 2
  const holdRecheckMs = options.holdRecheckMs ?? 5_000
  const clock = options.clock ?? (() => new Date())
  const egress = options.egress ?? strictEgress
  // The configuration's own default (config.ts), for a scheduler started without buildApp.
  const publicUrl = options.publicUrl ?? 'http://localhost:3000'
  const backoffMs = options.webhookBackoffMs ?? BACKOFF_MS
  const background = new Set<Promise<unknown>>()
  let closed = false
  const stop = new AbortController()
  let holds = 0
  /** Per running detection: aborted by a hold (`stop` aborts them all on close). */
  const yields = new Map<number, AbortController>()

  const track = <T>(work: Promise<T>): Promise<T> => {
    background.add(work)
    void work.finally(() => background.delete(work))
    return work
  }
  const failed = (message: string) => (error: unknown) => {
    if (!closed) log.error({ err: error }, message)
  }

  const boss = new PgBoss({
    db: { executeSql: (text, values) => store.pool.query(text, values) },
    schema: QUEUE_SCHEMA,
  })
  boss.on('error', failed('alerts: job queue error'))
  await boss.start()
  for (const name of QUEUES)
    await boss.createQueue(name, { policy: name === DELIVER ? 'short' : 'stately', retryLimit: 0 })

  const sendDetect = (job: DetectJob, startAfter: Date) =>
    boss.send(DETECT, job, { singletonKey: String(job.organizationId), startAfter })

  /** Lets every put-off detection go now (they wait holdRecheckMs otherwise). */
  const letPutOffGo = async () => {
    const putOff = await boss.findJobs<DetectJob>(DETECT, { data: { putOff: true }, queued: true })
    for (const job of putOff)
      await boss.update(DETECT, { organizationId: job.data.organizationId }, { id: job.id, startAfter: new Date() })
  }

  const putOff = async (organizationId: number) => {
    await sendDetect({ organizationId, putOff: true }, new Date(Date.now() + holdRecheckMs))
    // The hold may have ended while this was sent, after its release let the put-off ones go.
    if (holds === 0 && !(await isHeld(store.pool))) await letPutOffGo()
  }

  const detect = async (organizationId: number) => {
    if (closed) return
    if (holds > 0 || (await isHeld(store.pool))) return putOff(organizationId)
    const { rows } = await store.pool.query<{ rest_until: Date | null }>(
      'SELECT rest_until FROM alert_detections WHERE organization_id = $1',
      [organizationId],
    )
    const restUntil = rows[0]?.rest_until
    if (restUntil && restUntil.getTime() > Date.now()) return void (await sendDetect({ organizationId }, restUntil))

    const yielded = new AbortController()
    yields.set(organizationId, yielded)
    const startedMs = Date.now()
    log.debug({ organizationId, startedMs }, 'alerts: detection started')
    try {
      const result = await detectStatusChanges(store, {
        organizationId,
        now: toInstant(clock()),
        signal: AbortSignal.any([stop.signal, yielded.signal]),
      })
      const durationMs = Date.now() - startedMs
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
      await store.pool.query('UPDATE alert_detections SET rest_until = $2 WHERE organization_id = $1', [
        organizationId,
        new Date(Date.now() + restFactor * durationMs),
      ])
      if (result.deliveries > 0) await boss.send(DELIVER, {}, { singletonKey: 'now' })
    } catch (error) {
      if (closed) return
      if (!yielded.signal.aborted) return log.error({ err: error, organizationId }, 'alerts: detection failed')
      log.debug({ organizationId, startedMs, durationMs: Date.now() - startedMs }, 'alerts: detection yielded')
      await putOff(organizationId)
    } finally {
      yields.delete(organizationId)
    }
  }

  const detectAll = async () => {
    const { rows } = await store.pool.query<{ id: number }>('SELECT id FROM organizations ORDER BY id')
    for (const { id } of rows) if (!closed) await sendDetect({ organizationId: id }, new Date())
  }

  const deliverAll = async () => {
    // Batches until nothing is due, so a burst of changes does not wait for the next job.
    while (!closed && (await deliverDue(store, { now: toInstant(clock()), egress, publicUrl, backoffMs })).length > 0);
    const due = await nextDeliveryDue(store)
    const waitMs = due ? due.getTime() - clock().getTime() : 0
    // One job per due time: every replica's sweep may ask, the queue keeps one.
    if (due && waitMs > 0 && !closed)
      await boss.send(DELIVER, {}, { singletonKey: due.toISOString(), startAfter: new Date(Date.now() + waitMs) })
  }

  const swallow = (message: string, work: () => Promise<unknown>) => async () => {
    await work().catch(failed(message))
  }
  const workOptions = { pollingIntervalSeconds: (options.pollMs ?? 2_000) / 1_000 }
  await boss.work<DetectJob>(DETECT, workOptions, async ([job]) => {
    if (job) await swallow('alerts: detection failed', () => detect(job.data.organizationId))()
  })
  await boss.work(DETECT_ALL, workOptions, swallow('alerts: scheduled detection failed', detectAll))
  await boss.work(DELIVER, workOptions, swallow('alerts: webhook delivery failed', deliverAll))
  const detectCron = options.detectCron === undefined ? '*/5 * * * *' : options.detectCron
  const deliverCron = options.deliverCron === undefined ? '* * * * *' : options.deliverCron
  if (detectCron) await boss.schedule(DETECT_ALL, detectCron)
  if (deliverCron) await boss.schedule(DELIVER, deliverCron)

  const request = (organizationId: number) => {
    if (closed) return
    void track(
      sendDetect({ organizationId }, new Date(Date.now() + debounceMs)).catch(failed('alerts: queueing failed')),
    )
  }
  const runAll = async () => void (await track(boss.send(DETECT_ALL, {}).catch(failed('alerts: queueing failed'))))

  const listener = listenForDataChanges(store.pool, log, {
    changed: request,
    held: () => {
      for (const yielded of yields.values()) yielded.abort()
    },
    // Notices sent while nothing listened are lost: look at everything once (a quiet organisation is skipped).
    reconnected: () => void runAll(),
  })
  if (options.runAtStart ?? true) await runAll()

  return {
    request,
    runAll,
    deliver: async () =>
      void (await track(boss.send(DELIVER, {}, { singletonKey: 'now' }).catch(failed('alerts: queueing failed')))),
    hold() {
      holds += 1
      for (const yielded of yields.values()) yielded.abort()
      const taken = track(takeHold(store.pool).catch((error: unknown) => void failed('alerts: hold failed')(error)))
      let released = false
      return () => {
        if (released) return
        released = true
        holds -= 1
        const release = async () => {
          await (
            await taken
          )?.()
          if (holds === 0 && !(await isHeld(store.pool))) await letPutOffGo()
        }
        void track(release().catch(failed('alerts: hold release failed')))
      }
    },
    async idle() {
      await listener.caughtUp()
      for (;;) {
        await Promise.allSettled([...background])
        const { rows } = await store.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${QUEUE_SCHEMA}.job
            WHERE name = ANY($1) AND state IN ('created', 'retry', 'active')
              AND NOT (state = 'created' AND data ? 'putOff')`,
          [QUEUES],
        )
        if (rows[0]!.n === 0 && background.size === 0) return
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    },
    async close() {
      closed = true
      stop.abort()
      await listener.close()
      await Promise.allSettled([...background])
      await boss.stop({ graceful: true, close: false })
    },
  }
}
