import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Instant } from '@kpi/domain/time-zone'

export const DELIVERIES_PAGE_SIZE = 50

type Row = {
  id: string
  event_id: string
  type: string | null
  status: 'PENDING' | 'DELIVERED' | 'FAILED'
  attempts: number
  next_attempt_at: Date
  last_error: string | null
  last_status_code: number | null
  created_at: Date
  delivered_at: Date | null
}

const columns = `id::text, event_id, payload->>'type' AS type, status, attempts, next_attempt_at, last_error,
                 last_status_code, created_at, delivered_at`

const toDelivery = (r: Row) => ({
  id: r.id,
  eventId: r.event_id,
  type: r.type ?? 'unknown',
  status: r.status.toLowerCase() as 'pending' | 'delivered' | 'failed',
  attempts: r.attempts,
  nextAttemptAt: r.status === 'PENDING' ? r.next_attempt_at.toISOString() : null,
  lastError: r.last_error,
  lastStatusCode: r.last_status_code,
  createdAt: r.created_at.toISOString(),
  deliveredAt: r.delivered_at?.toISOString() ?? null,
})

/** A webhook's deliveries, newest first: what the admin checks when a receiver seems quiet. */
export async function listDeliveries(
  pool: pg.Pool,
  webhookId: number,
  { status, page }: { status?: string | undefined; page: number },
) {
  const { rows } = await pool.query<Row>(
    `SELECT ${columns} FROM webhook_deliveries
      WHERE webhook_id = $1 AND ($2::text IS NULL OR status = upper($2)::"WebhookDeliveryStatus")
      ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
    [webhookId, status ?? null, DELIVERIES_PAGE_SIZE, (page - 1) * DELIVERIES_PAGE_SIZE],
  )
  return { items: rows.map(toDelivery), page, pageSize: DELIVERIES_PAGE_SIZE }
}

export async function getDelivery(pool: pg.Pool, id: string) {
  const { rows } = await pool.query<Row>(`SELECT ${columns} FROM webhook_deliveries WHERE id = $1::bigint`, [id])
  return toDelivery(rows[0]!)
}

/** Queues a 'kpi.test' event for one webhook, due now; returns the delivery id. */
export async function queueTestEvent(pool: pg.Pool, webhookId: number, organizationId: number, now: Instant) {
  const id = randomUUID()
  const payload = {
    id,
    type: 'kpi.test',
    organizationId,
    kpiKey: 'revenue.won',
    scope: 'org',
    period: { type: 'month', label: 'test', startDate: now.slice(0, 10) },
    from: 'orange',
    to: 'green',
    value: null,
    occurredAt: now,
  }
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (webhook_id, event_id, payload, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $4) RETURNING id::text`,
    [webhookId, id, JSON.stringify(payload), now],
  )
  return rows[0]!.id
}
