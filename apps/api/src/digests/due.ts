import { latestDue, nextDue } from '@kpi/domain/digest-schedule'
import { instantMs, toInstant } from '@kpi/domain/time-zone'
import type pg from 'pg'
import { loadOrganizationDigestSettings, loadRecipients, type DigestFrequency } from './subscriptions.db.ts'

/**
 * Which digests are due (decision 0039): for every organisation with digests on, every person with an e-mail
 * address (when SMTP is configured) and every active webhook whose schedule is not off, the most recent due time
 * — if it lies within the catch-up window and after the choice was made — becomes a digest_sends row. INSERT …
 * ON CONFLICT DO NOTHING on the unique (recipient, due_at, manual) keys: however many replicas ask, however often,
 * and across restarts, one row per recipient and due time exists, and only the caller that inserted it sends it.
 */

/** A restart at 09:30 still sends the 08:00 digest; a server down for days does not send stale ones. */
export const CATCH_UP_MS = 6 * 3_600_000

type Schedule = { frequency: DigestFrequency; weekday: number; hour: number }

/** The scheduled due time to send at `now`, or null (off, outside the catch-up window, or before the choice). */
export function dueNow(
  schedule: Schedule,
  timeZone: string,
  now: Date,
  chosenAt: Date,
  catchUpMs = CATCH_UP_MS,
): Date | null {
  if (schedule.frequency === 'off') return null
  const due = instantMs(latestDue({ ...schedule, frequency: schedule.frequency }, timeZone, toInstant(now)))
  if (now.getTime() - due > catchUpMs || due < chosenAt.getTime()) return null
  return new Date(due)
}

/** The next scheduled send after `now`, or null when off. */
export function nextDueAt(schedule: Schedule, timeZone: string, now: Date): string | null {
  if (schedule.frequency === 'off') return null
  return nextDue({ ...schedule, frequency: schedule.frequency }, timeZone, toInstant(now))
}

type NewSend = { userId: number | null; webhookId: number | null; dueAt: Date; scope: string; period: string }

/** Inserts the rows that do not exist yet; returns the ids of those this call inserted. */
export async function insertSends(
  db: Pick<pg.Pool, 'query'>,
  organizationId: number,
  sends: NewSend[],
  { manual, now }: { manual: boolean; now: Date },
): Promise<string[]> {
  if (sends.length === 0) return []
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO digest_sends
            (organization_id, user_id, webhook_id, due_at, manual, scope_key, period_type, next_attempt_at, created_at)
     SELECT $1, x.user_id, x.webhook_id, x.due_at, $7, x.scope_key, upper(x.period)::"PeriodType", $8, $8
       FROM unnest($2::int[], $3::int[], $4::timestamptz[], $5::text[], $6::text[])
            AS x(user_id, webhook_id, due_at, scope_key, period)
     ON CONFLICT DO NOTHING
     RETURNING id::text`,
    [
      organizationId,
      sends.map((send) => send.userId),
      sends.map((send) => send.webhookId),
      sends.map((send) => send.dueAt),
      sends.map((send) => send.scope),
      sends.map((send) => send.period),
      manual,
      now,
    ],
  )
  return rows.map((row) => row.id)
}

/**
 * Creates the rows of every digest due at `now` (of one organisation, or all); returns the ids this call created (the caller sends them).
 * Without SMTP (`mailEnabled` false) people's digests are not created: they could only fail.
 */
export async function queueDueDigests(
  pool: pg.Pool,
  {
    now,
    mailEnabled,
    catchUpMs = CATCH_UP_MS,
    organizationId = null,
  }: { now: Date; mailEnabled: boolean; catchUpMs?: number; organizationId?: number | null },
): Promise<string[]> {
  const { rows: organizations } = await pool.query<{ id: number }>(
    'SELECT id FROM organizations WHERE digests_enabled AND ($1::int IS NULL OR id = $1) ORDER BY id',
    [organizationId],
  )
  const created: string[] = []
  for (const { id: organizationId } of organizations) {
    const { timeZone } = await loadOrganizationDigestSettings(pool, organizationId)
    const sends: NewSend[] = []
    if (mailEnabled)
      for (const { user, choice, chosenAt } of await loadRecipients(pool, organizationId)) {
        const dueAt = dueNow(choice, timeZone, now, chosenAt, catchUpMs)
        if (dueAt) sends.push({ userId: user.id, webhookId: null, dueAt, scope: choice.scope, period: choice.period })
      }
    for (const webhook of await loadScheduledWebhooks(pool, organizationId)) {
      const dueAt = dueNow(webhook, timeZone, now, webhook.createdAt, catchUpMs)
      if (dueAt) sends.push({ userId: null, webhookId: webhook.id, dueAt, scope: webhook.scope, period: 'month' })
    }
    created.push(...(await insertSends(pool, organizationId, sends, { manual: false, now })))
  }
  return created
}

async function loadScheduledWebhooks(db: Pick<pg.Pool, 'query'>, organizationId: number) {
  const { rows } = await db.query<{
    id: number
    frequency: DigestFrequency
    weekday: number
    hour: number
    scope: string
    created_at: Date
  }>(
    `SELECT id, digest_frequency AS frequency, digest_weekday AS weekday, digest_hour AS hour,
            coalesce(scope_key, 'org') AS scope, created_at
       FROM webhooks WHERE organization_id = $1 AND active AND digest_frequency <> 'off' ORDER BY id`,
    [organizationId],
  )
  return rows.map((row) => ({ ...row, createdAt: row.created_at }))
}
