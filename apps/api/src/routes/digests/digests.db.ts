import type { DigestRecipient, DigestSend, DigestSettings } from '@kpi/contract/digests'
import type pg from 'pg'
import { nextDueAt } from '../../digests/due.ts'
import {
  loadOrganizationDigestSettings,
  loadRecipients,
  scopeNames,
  type Recipient,
} from '../../digests/subscriptions.db.ts'

type Db = Pick<pg.Pool, 'query'>

type SendRow = {
  id: string
  user_id: number | null
  webhook_id: number | null
  recipient_name: string | null
  webhook_url: string | null
  webhook_format: 'json' | 'slack' | 'teams' | null
  scope_key: string
  period_type: string
  due_at: Date
  manual: boolean
  status: string
  last_error: string | null
  attempts: number
  mail_status: string | null
  mail_error: string | null
  delivery_status: string | null
  delivery_error: string | null
  created_at: Date
  sent_at: Date | null
}

const SEND_SELECT = `
  SELECT d.id::text, d.user_id, d.webhook_id, u.name AS recipient_name, w.url AS webhook_url,
         w.format::text AS webhook_format, d.scope_key, d.period_type::text, d.due_at, d.manual, d.status::text,
         d.last_error, d.attempts, m.status::text AS mail_status, m.last_error AS mail_error,
         wd.status::text AS delivery_status, wd.last_error AS delivery_error, d.created_at, d.sent_at
    FROM digest_sends d
    LEFT JOIN users u ON u.id = d.user_id
    LEFT JOIN webhooks w ON w.id = d.webhook_id
    LEFT JOIN mail_messages m ON m.id = d.mail_message_id
    LEFT JOIN webhook_deliveries wd ON wd.id = d.webhook_delivery_id`

/** A webhook is named by its host: its path often carries a secret (Slack's and Teams' URLs do). */
function hostOf(url: string | null): string {
  try {
    return url === null ? '' : new URL(url).host
  } catch {
    return ''
  }
}

function toSend(row: SendRow): DigestSend {
  const handoff =
    row.mail_status !== null
      ? { status: row.mail_status.toLowerCase(), error: row.mail_error }
      : row.delivery_status !== null
        ? { status: row.delivery_status.toLowerCase(), error: row.delivery_error }
        : null
  return {
    id: row.id,
    recipient:
      row.user_id !== null
        ? { type: 'user', id: row.user_id, name: row.recipient_name ?? '' }
        : { type: 'webhook', id: row.webhook_id!, name: hostOf(row.webhook_url) },
    channel: row.user_id !== null ? 'email' : (row.webhook_format ?? 'json'),
    scope: row.scope_key,
    period: row.period_type.toLowerCase() as DigestSend['period'],
    dueAt: row.due_at.toISOString(),
    manual: row.manual,
    status: row.status.toLowerCase() as DigestSend['status'],
    lastError: row.last_error,
    attempts: row.attempts,
    handoff: handoff as DigestSend['handoff'],
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  }
}

export const SENDS_PAGE_SIZE = 50

/** The organisation's digests, newest first, optionally of one status. */
export async function listSends(
  db: Db,
  organizationId: number,
  { status, page }: { status?: string | undefined; page: number },
): Promise<DigestSend[]> {
  const { rows } = await db.query<SendRow>(
    `${SEND_SELECT}
      WHERE d.organization_id = $1 AND ($2::text IS NULL OR d.status::text = upper($2))
      ORDER BY d.created_at DESC, d.id DESC
      LIMIT $3 OFFSET $4`,
    [organizationId, status ?? null, SENDS_PAGE_SIZE, (page - 1) * SENDS_PAGE_SIZE],
  )
  return rows.map(toSend)
}

export async function sendsById(db: Db, organizationId: number, ids: string[]): Promise<DigestSend[]> {
  if (ids.length === 0) return []
  const { rows } = await db.query<SendRow>(
    `${SEND_SELECT} WHERE d.organization_id = $1 AND d.id = ANY($2::bigint[]) ORDER BY d.id`,
    [organizationId, ids],
  )
  return rows.map(toSend)
}

/** Each person's last digest (scheduled or manual). */
async function lastSends(db: Db, organizationId: number, userIds: number[]): Promise<Map<number, DigestSend>> {
  const { rows } = await db.query<SendRow>(
    `${SEND_SELECT}
      WHERE d.organization_id = $1 AND d.user_id = ANY($2::int[])
        AND d.id = (SELECT max(l.id) FROM digest_sends l WHERE l.user_id = d.user_id)`,
    [organizationId, userIds],
  )
  return new Map(rows.map((row) => [row.user_id!, toSend(row)]))
}

type Person = Pick<Recipient, 'choice' | 'isDefault'>

/** A person's digest settings as GET/PUT /api/me/digest answer them. */
export async function digestSettings(db: Db, organizationId: number, userId: number, now: Date): Promise<DigestSettings> {
  const org = await loadOrganizationDigestSettings(db, organizationId)
  const [recipient] = await loadRecipients(db, organizationId, userId)
  if (!recipient) throw new Error(`user ${userId} has no e-mail address`)
  const [names, last] = await Promise.all([
    scopeNames(db, organizationId, [recipient.choice.scope]),
    lastSends(db, organizationId, [userId]),
  ])
  const lastSend = last.get(userId)
  return {
    ...describeChoice(recipient, names, org.timeZone, org.digestsEnabled, now),
    organizationEnabled: org.digestsEnabled,
    lastSent: lastSend ? { at: lastSend.sentAt ?? lastSend.createdAt, status: lastSend.status } : null,
  }
}

function describeChoice(
  person: Person,
  names: Map<string, string>,
  timeZone: string,
  enabled: boolean,
  now: Date,
) {
  const { choice } = person
  return {
    frequency: choice.frequency,
    weekday: choice.weekday,
    hour: choice.hour,
    scope: choice.scope,
    scopeName: names.get(choice.scope) ?? choice.scope,
    period: choice.period,
    sendWhenEmpty: choice.sendWhenEmpty,
    isDefault: person.isDefault,
    nextDueAt: enabled ? nextDueAt(choice, timeZone, now) : null,
  }
}

/** GET /api/digests: who gets what, and what failed lately. */
export async function digestOverview(
  db: Db,
  organizationId: number,
  { now, mailEnabled }: { now: Date; mailEnabled: boolean },
) {
  const org = await loadOrganizationDigestSettings(db, organizationId)
  const recipients = await loadRecipients(db, organizationId)
  const [names, last, failed] = await Promise.all([
    scopeNames(
      db,
      organizationId,
      recipients.map((r) => r.choice.scope),
    ),
    lastSends(
      db,
      organizationId,
      recipients.map((r) => r.user.id),
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM digest_sends
        WHERE organization_id = $1 AND status = 'FAILED' AND created_at > $2::timestamptz - interval '7 days'`,
      [organizationId, now],
    ),
  ])
  const people: DigestRecipient[] = recipients.map((recipient) => {
    const described = describeChoice(recipient, names, org.timeZone, org.digestsEnabled && mailEnabled, now)
    return {
      user: {
        id: recipient.user.id,
        name: recipient.user.name,
        email: recipient.user.email,
        role: recipient.user.role,
      },
      ...described,
      last: last.get(recipient.user.id) ?? null,
    }
  })
  return {
    enabled: org.digestsEnabled,
    mailEnabled,
    recipients: people,
    failedLast7Days: failed.rows[0]!.n,
  }
}
