import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { PgBoss } from 'pg-boss'
import { QUEUE_SCHEMA } from '../alerts/scheduler.ts'
import type { MailConfig } from '../config.ts'
import {
  BACKOFF_MS,
  nextMailDue,
  queueMail,
  sendDue,
  type OutgoingMail,
  type Queryable,
  type SendMail,
} from './outbox.ts'
import { smtpSender } from './transport.ts'

/** Sends what is due; a retry is a job started when its back-off ends, and a sweep runs every minute. */
const SEND = 'mail.send'

export type MailWorkerOptions = {
  /** How often the worker looks for due jobs (pg-boss polling; at least 500). */
  pollMs?: number
  /** Waits between failed attempts (outbox.ts BACKOFF_MS). */
  backoffMs?: readonly number[]
  /** The every-minute sweep for due messages (null: none, tests). */
  sweepCron?: string | null
}

export type Mail = {
  /** SMTP is configured: messages are sent. Otherwise callers hand the link to the admin instead. */
  enabled: boolean
  /**
   * Adds a message to the outbox — inside the caller's transaction when `db` is its client — and returns its id.
   * Call `wake()` after the commit so it goes out at once rather than at the next sweep.
   */
  queue: (db: Queryable, mail: OutgoingMail) => Promise<string>
  /** Asks the worker (of any replica) to send what is due now; returns at once. */
  wake: () => void
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: Mail
  }
}

/**
 * E-mail from the outbox (outbox.ts), sent by a worker on the durable job queue (pg-boss, like alerts): a message
 * survives a restart, a failed send is retried with back-off and, after the last attempt, stays visible to the
 * admin as failed with the server's answer (GET /api/mail/messages). `worker: false` (most tests) queues without
 * sending.
 */
export const mailPlugin = fp<{ config: MailConfig | null; worker: MailWorkerOptions | false }>(
  async (app, { config, worker }) => {
    const enabled = config !== null
    let wake = () => {}
    if (config !== null && worker !== false) {
      const sender = smtpSender(config)
      const stopWorker = await startMailWorker(app, sender.send, worker)
      wake = stopWorker.wake
      app.addHook('onClose', async () => {
        await stopWorker.close()
        sender.close()
      })
    }
    app.decorate('mail', {
      enabled,
      async queue(db, mail) {
        if (!enabled) throw new Error('mail is not configured (SMTP_URL): hand the link to the admin instead')
        return queueMail(db, mail)
      },
      wake: () => wake(),
    } satisfies Mail)
  },
  { name: 'mail', dependencies: ['store'] },
)

async function startMailWorker(
  app: FastifyInstance,
  send: SendMail,
  options: MailWorkerOptions,
): Promise<{ wake: () => void; close: () => Promise<void> }> {
  const pool = app.store.pool
  const backoffMs = options.backoffMs ?? BACKOFF_MS
  let closed = false
  const failed = (message: string) => (error: unknown) => {
    if (!closed) app.log.error({ err: error }, message)
  }
  const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, schema: QUEUE_SCHEMA })
  boss.on('error', failed('mail: job queue error'))
  await boss.start()
  await boss.createQueue(SEND, { policy: 'short', retryLimit: 0 })

  const sendAll = async () => {
    // Batches until nothing is due, so a burst (ten invitations) does not wait for the next job.
    for (;;) {
      if (closed) return
      const outcomes = await sendDue(pool, send, { backoffMs })
      for (const outcome of outcomes)
        if (outcome.error !== null)
          app.log.warn({ mailId: outcome.id, status: outcome.status, error: outcome.error }, 'mail: send failed')
      if (outcomes.length === 0) break
    }
    const due = await nextMailDue(pool)
    const waitMs = due ? due.getTime() - Date.now() : 0
    // One job per due time: every replica's sweep may ask, the queue keeps one.
    if (due && waitMs > 0 && !closed)
      await boss.send(SEND, {}, { singletonKey: due.toISOString(), startAfter: new Date(Date.now() + waitMs) })
  }
  await boss.work(SEND, { pollingIntervalSeconds: (options.pollMs ?? 2_000) / 1_000 }, async () => {
    await sendAll().catch(failed('mail: sending failed'))
  })
  const sweepCron = options.sweepCron === undefined ? '* * * * *' : options.sweepCron
  if (sweepCron) await boss.schedule(SEND, sweepCron)
  // Whatever was queued while no worker ran (a restart) goes out now.
  await boss.send(SEND, {}, { singletonKey: 'now' })

  return {
    wake: () => {
      if (!closed) void boss.send(SEND, {}, { singletonKey: 'now' }).catch(failed('mail: queueing failed'))
    },
    async close() {
      closed = true
      await boss.stop({ graceful: true, close: false })
    },
  }
}
