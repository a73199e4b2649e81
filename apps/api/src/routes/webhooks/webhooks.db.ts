import { randomBytes } from 'node:crypto'
import type { PrismaClient } from '@kpi/db/generated/prisma/client'
import { writeAudit } from '../../audit/audit.db.ts'
import { HttpError } from '../../http-errors.ts'
import { VersionConflict } from '../settings/version-conflict.ts'
import type { Webhook, WebhookCreate, WebhookPatch } from '@kpi/contract/webhooks'
import type { DigestFrequency, WebhookFormat } from '@kpi/db/generated/prisma/client'
import type { z } from 'zod'

type Actor = { organizationId: number; actorId: number }
type Row = {
  id: number
  url: string
  active: boolean
  format: WebhookFormat
  locale: string
  scopeKey: string | null
  digestFrequency: DigestFrequency
  digestWeekday: number
  digestHour: number
  version: number
  createdAt: Date
}

export const toWebhook = (row: Row): Webhook => ({
  id: row.id,
  url: row.url,
  active: row.active,
  format: row.format,
  locale: row.locale === 'nl' ? 'nl' : 'en',
  scope: row.scopeKey,
  digest: { frequency: row.digestFrequency, weekday: row.digestWeekday, hour: row.digestHour },
  version: row.version,
  createdAt: row.createdAt.toISOString(),
})

// The secret never goes into the audit trail: select it only where it is needed.
const publicFields = {
  id: true,
  url: true,
  active: true,
  format: true,
  locale: true,
  scopeKey: true,
  digestFrequency: true,
  digestWeekday: true,
  digestHour: true,
  version: true,
  createdAt: true,
} as const

export async function listWebhooks(prisma: PrismaClient, organizationId: number): Promise<Webhook[]> {
  const rows = await prisma.webhook.findMany({
    where: { organizationId },
    select: publicFields,
    orderBy: { id: 'asc' },
  })
  return rows.map(toWebhook)
}

/** 404 unless the webhook exists in the actor's organisation (another organisation's id is "not found"). */
export async function findWebhook(prisma: PrismaClient, organizationId: number, id: number): Promise<Row> {
  const row = await prisma.webhook.findFirst({ where: { id, organizationId }, select: publicFields })
  if (!row) throw new HttpError('not_found', `webhook ${id} not found`, 'params.id')
  return row
}

/** The columns a create or a patch sets: only what the body names (a patch leaves the rest as it is). */
function columnsOf(body: Partial<z.infer<typeof WebhookCreate>>) {
  return {
    ...(body.url === undefined ? {} : { url: body.url }),
    ...(body.active === undefined ? {} : { active: body.active }),
    ...(body.format === undefined ? {} : { format: body.format }),
    ...(body.locale === undefined ? {} : { locale: body.locale }),
    ...(body.scope === undefined ? {} : { scopeKey: body.scope }),
    ...(body.digest === undefined
      ? {}
      : { digestFrequency: body.digest.frequency, digestWeekday: body.digest.weekday, digestHour: body.digest.hour }),
  }
}

/**
 * A new webhook with a random 32-byte secret (hex), returned once. Slack and Teams ignore the signature; the
 * secret exists all the same, so a webhook can switch to json without a new one.
 */
export async function createWebhook(prisma: PrismaClient, actor: Actor, body: z.infer<typeof WebhookCreate>) {
  const secret = randomBytes(32).toString('hex')
  return prisma.$transaction(async (tx) => {
    const row = await tx.webhook.create({
      data: { organizationId: actor.organizationId, url: body.url, secret, ...columnsOf(body) },
      select: publicFields,
    })
    const after = toWebhook(row)
    await writeAudit(tx, {
      ...actor,
      action: 'webhook.created',
      entity: 'webhook',
      entityId: row.id,
      before: null,
      after,
    })
    return { ...after, secret }
  })
}

export async function updateWebhook(
  prisma: PrismaClient,
  actor: Actor,
  id: number,
  body: z.infer<typeof WebhookPatch>,
): Promise<Webhook> {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.webhook.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: publicFields,
    })
    if (!existing) throw new HttpError('not_found', `webhook ${id} not found`, 'params.id')
    const { count } = await tx.webhook.updateMany({
      where: { id, version: body.version },
      data: { ...columnsOf(body), version: { increment: 1 } },
    })
    if (count === 0)
      throw new VersionConflict(`webhook changed since version ${body.version}`, toWebhook(existing), 'body.version')
    const row = await tx.webhook.findUniqueOrThrow({ where: { id }, select: publicFields })
    const after = toWebhook(row)
    await writeAudit(tx, {
      ...actor,
      action: 'webhook.updated',
      entity: 'webhook',
      entityId: id,
      before: toWebhook(existing),
      after,
    })
    return after
  })
}

/** Deletes the webhook and (cascade) its delivery history; the version must match. */
export async function deleteWebhook(prisma: PrismaClient, actor: Actor, id: number, version: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const existing = await tx.webhook.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: publicFields,
    })
    if (!existing) throw new HttpError('not_found', `webhook ${id} not found`, 'params.id')
    const { count } = await tx.webhook.deleteMany({ where: { id, version } })
    if (count === 0)
      throw new VersionConflict(`webhook changed since version ${version}`, toWebhook(existing), 'query.version')
    await writeAudit(tx, {
      ...actor,
      action: 'webhook.deleted',
      entity: 'webhook',
      entityId: id,
      before: toWebhook(existing),
      after: null,
    })
  })
}
