import type pg from 'pg'
import type { MailMessage } from '@kpi/contract/mail'

type Row = {
  id: string
  kind: string
  to_address: string
  subject: string
  status: 'QUEUED' | 'SENT' | 'FAILED'
  attempts: number
  last_error: string | null
  next_attempt_at: Date
  created_at: Date
  sent_at: Date | null
}

const LIMIT = 100

export async function listMail(
  pool: pg.Pool,
  organizationId: number,
  status: MailMessage['status'] | undefined,
): Promise<MailMessage[]> {
  const { rows } = await pool.query<Row>(
    `SELECT id::text, kind, to_address, subject, status, attempts, last_error, next_attempt_at, created_at, sent_at
       FROM mail_messages
      WHERE organization_id = $1 AND ($2::"MailStatus" IS NULL OR status = $2::"MailStatus")
      ORDER BY created_at DESC, id DESC
      LIMIT $3`,
    [organizationId, status?.toUpperCase() ?? null, LIMIT],
  )
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    to: row.to_address,
    subject: row.subject,
    status: row.status === 'QUEUED' ? 'queued' : row.status === 'SENT' ? 'sent' : 'failed',
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'QUEUED' ? row.next_attempt_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  }))
}
