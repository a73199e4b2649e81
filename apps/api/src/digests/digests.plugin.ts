import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { PgBoss } from 'pg-boss'
import { QUEUE_SCHEMA } from '../alerts/scheduler.ts'
import { CATCH_UP_MS, insertSends, queueDueDigests } from './due.ts'
import { nextDigestDue, sendDigests, type SendDeps, type SendOutcome } from './send.ts'
import { loadRecipients } from './subscriptions.db.ts'

/** Creates what is due and sends what is pending; a retry is a job started when its back-off ends. */
const RUN = 'digests.run'

export type DigestOptions = {
  /** The clock due times are measured against (tests pin it). */
  clock?: () => Date
  /** Run the worker on the job queue (server.ts; tests that check the schedule). Default true. */
  worker?: boolean
  /** When the worker looks for due digests (null: never, tests call run()). Default every minute. */
  cron?: string | null
  /** How often the worker looks for due jobs (pg-boss polling; at least 500). */
  pollMs?: number
  /** Waits between failed attempts (send.ts BACKOFF_MS). */
  backoffMs?: readonly number[]
  catchUpMs?: number
}

export type Digests = {
  /** SMTP is configured: people's digests can go out. */
  mailEnabled: boolean
  now: () => Date
  /** Creates the organisation's digests due now and sends those this call created (the cron's code path). */
  runDue: (organizationId: number) => Promise<SendOutcome[]>
  /** Creates a manual digest for one person and sends it at once (a test, an admin's "send now"); its id. */
  sendNow: (organizationId: number, userId: number) => Promise<string>
}

declare module 'fastify' {
  interface FastifyInstance {
    digests: Digests
  }
}

/**
 * Scheduled digests (decision 0039) on the durable job queue: every minute (and at start) each replica's worker
 * creates the rows of what is due — the unique keys keep one per recipient and due time — and sends what is
 * pending. Requests use the same functions directly (run now, send me a test). Off in most tests
 * (`digests: false`): requests still work, nothing runs by itself.
 */
export const digestsPlugin = fp<{ options: DigestOptions | false; publicUrl: string }>(
  async (app, { options, publicUrl }) => {
    const settings = options === false ? {} : options
    const clock = settings.clock ?? (() => new Date())
    const catchUpMs = settings.catchUpMs ?? CATCH_UP_MS
    const deps: SendDeps = {
      pool: app.store.pool,
      mail: app.mail,
      publicUrl,
      wakeWebhooks: () => void app.alerts?.deliver(),
      ...(settings.backoffMs ? { backoffMs: settings.backoffMs } : {}),
    }
    const runDue = async (organizationId: number) => {
      const now = clock()
      const mailEnabled = app.mail.enabled
      const ids = await queueDueDigests(deps.pool, { now, mailEnabled, catchUpMs, organizationId })
      return ids.length === 0 ? [] : sendDigests(deps, { now, ids })
    }
    app.decorate('digests', {
      mailEnabled: app.mail.enabled,
      now: clock,
      runDue,
      async sendNow(organizationId, userId) {
        const now = clock()
        const [recipient] = await loadRecipients(deps.pool, organizationId, userId)
        if (!recipient) throw new Error(`no recipient ${userId} in organisation ${organizationId}`)
        const { scope, period } = recipient.choice
        // Two tests in the same millisecond would meet on the unique key: the second waits a millisecond.
        for (let offsetMs = 0; ; offsetMs += 1) {
          const at = new Date(now.getTime() + offsetMs)
          const send = { userId, webhookId: null, dueAt: at, scope, period }
          const [id] = await insertSends(deps.pool, organizationId, [send], { manual: true, now })
          if (id === undefined) continue
          await sendDigests(deps, { now, ids: [id] })
          return id
        }
      },
    } satisfies Digests)
    if (options !== false && (options.worker ?? true)) {
      const worker = await startDigestWorker(app, deps, { ...options, clock, catchUpMs })
      app.addHook('onClose', () => worker.close())
    }
  },
  { name: 'digests', dependencies: ['store', 'mail', 'alerts'] },
)

async function startDigestWorker(
  app: FastifyInstance,
  deps: SendDeps,
  options: DigestOptions & { clock: () => Date; catchUpMs: number },
): Promise<{ close: () => Promise<void> }> {
  let closed = false
  const failed = (message: string) => (error: unknown) => {
    if (!closed) app.log.error({ err: error }, message)
  }
  const boss = new PgBoss({ db: { executeSql: (text, values) => deps.pool.query(text, values) }, schema: QUEUE_SCHEMA })
  boss.on('error', failed('digests: job queue error'))
  await boss.start()
  await boss.createQueue(RUN, { policy: 'short', retryLimit: 0 })

  const runAll = async () => {
    const now = options.clock()
    await queueDueDigests(deps.pool, { now, mailEnabled: deps.mail.enabled, catchUpMs: options.catchUpMs })
    // Batches until nothing is due: rows this replica created, retries, and rows a crashed replica left behind.
    for (;;) {
      if (closed) return
      const outcomes = await sendDigests(deps, { now: options.clock() })
      for (const outcome of outcomes)
        if (outcome.error !== null && outcome.status !== 'skipped')
          app.log.warn({ digestSendId: outcome.id, status: outcome.status, error: outcome.error }, 'digests: failed')
      if (outcomes.length === 0) break
    }
    const due = await nextDigestDue(deps.pool)
    const waitMs = due ? due.getTime() - options.clock().getTime() : 0
    // One job per due time: every replica may ask, the queue keeps one.
    if (due && waitMs > 0 && !closed)
      await boss.send(RUN, {}, { singletonKey: due.toISOString(), startAfter: new Date(Date.now() + waitMs) })
  }
  await boss.work(RUN, { pollingIntervalSeconds: (options.pollMs ?? 2_000) / 1_000 }, async () => {
    await runAll().catch(failed('digests: run failed'))
  })
  const cron = options.cron === undefined ? '* * * * *' : options.cron
  if (cron) await boss.schedule(RUN, cron)
  // A restart at 09:30 sends the 08:00 digests now rather than at the next minute.
  await boss.send(RUN, {}, { singletonKey: 'now' })

  return {
    async close() {
      closed = true
      await boss.stop({ graceful: true, close: false })
    },
  }
}
