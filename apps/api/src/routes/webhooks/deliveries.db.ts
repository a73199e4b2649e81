import { randomUUID } from 'node:crypto'
import type { PrismaClient, WebhookDeliveryStatus } from '@kpi/db/generated/prisma/client'
import type { Instant } from '@kpi/domain/time-zone'

export const DELIVERIES_PAGE_SIZE = 50

const fields = {
  id: true,
  eventId: true,
  payload: true,
  status: true,
  attempts: true,
  nextAttemptAt: true,
  lastError: true,
  lastStatusCode: true,
  createdAt: true,
  deliveredAt: true,
} as const

type Row = {
  id: bigint
  eventId: string
  payload: unknown
  status: WebhookDeliveryStatus
  attempts: number
  nextAttemptAt: Date
  lastError: string | null
  lastStatusCode: number | null
  createdAt: Date
  deliveredAt: Date | null
}

const toDelivery = (r: Row) => ({
  id: r.id.toString(),
  eventId: r.eventId,
  type: (r.payload as { type?: unknown } | null)?.type?.toString() ?? 'unknown',
  status: r.status.toLowerCase() as 'pending' | 'delivered' | 'failed',
  attempts: r.attempts,
  nextAttemptAt: r.status === 'PENDING' ? r.nextAttemptAt.toISOString() : null,
  lastError: r.lastError,
  lastStatusCode: r.lastStatusCode,
  createdAt: r.createdAt.toISOString(),
  deliveredAt: r.deliveredAt?.toISOString() ?? null,
})

/** A webhook's deliveries, newest first: what the admin checks when a receiver seems quiet. */
export async function listDeliveries(
  prisma: PrismaClient,
  webhookId: number,
  { status, page }: { status?: string | undefined; page: number },
) {
  const rows = await prisma.webhookDelivery.findMany({
    where: { webhookId, ...(status ? { status: status.toUpperCase() as WebhookDeliveryStatus } : {}) },
    select: fields,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: DELIVERIES_PAGE_SIZE,
    skip: (page - 1) * DELIVERIES_PAGE_SIZE,
  })
  return { items: rows.map(toDelivery), page, pageSize: DELIVERIES_PAGE_SIZE }
}

export async function getDelivery(prisma: PrismaClient, id: string) {
  return toDelivery(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: BigInt(id) }, select: fields }))
}

/** Queues a 'kpi.test' event for one webhook, due now; returns the delivery id. */
export async function queueTestEvent(prisma: PrismaClient, webhookId: number, organizationId: number, now: Instant) {
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
  const created = await prisma.webhookDelivery.create({
    data: { webhookId, eventId: id, payload, nextAttemptAt: now, createdAt: now },
    select: { id: true },
  })
  return created.id.toString()
}
