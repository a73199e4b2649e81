import { createHmac } from 'node:crypto'
import { inTransaction } from '@kpi/db/transaction'
import { describe, expect, test } from 'vitest'
import { buildDigest, type DigestContent } from '../digests/content.ts'
import { renderDigestSlack, renderDigestTeams } from '../digests/render.ts'
import { useApp } from '../routes/settings/config-test-kit.ts'
import { loginAs } from '../testing/login-as.ts'
import type { Tenant } from '../testing/seed-tenant.ts'
import { alertsTenant, NOW } from './alerts-fixture.ts'
import { startReceiver, type ReceiverTool } from './receiver.ts'
import { queueDigestDelivery } from './webhook-digest.ts'
import { deliverDue } from './webhooks.ts'

// A digest queued for a webhook, sent in its format: json signed, Slack blocks, a Teams card, at tool-like receivers.
const kit = useApp({ webhookAllowPrivateHosts: true })
const publicUrl = 'https://kpi.example.test'
const sending = { egress: { allowPrivateHosts: true }, publicUrl }

async function webhookFor(tenant: Tenant, body: Record<string, unknown>) {
  const admin = await loginAs(kit.app, tenant.admin.email)
  const response = await kit.app.inject({ method: 'POST', url: '/api/webhooks', headers: admin.headers, payload: body })
  expect(response.statusCode, response.body).toBe(201)
  return { admin, hook: response.json() as { id: number; secret: string } }
}

/** The digest of the fixture's rep (red on November's won revenue: nothing won of 10 000), as a webhook gets it. */
async function repDigest(tenant: Tenant, locale: 'en' | 'nl'): Promise<DigestContent> {
  return buildDigest(kit.db.pool, {
    organizationId: tenant.organizationId,
    scope: { type: 'rep', id: tenant.teams[0].reps[0].id },
    periodType: 'month',
    now: NOW,
    locale,
    recipient: null,
    previousStatuses: {},
    publicUrl,
    frequency: 'weekly',
  })
}

/**
 * Queued in a transaction of our own, as the digest scheduler queues it beside its digest_sends row. inTransaction
 * rolls back when the work throws: a refused delivery must not leave its connection in an open transaction, where
 * the next test's rows would never be committed (seen under test:dates' shuffled order).
 */
function queueInTransaction(delivery: Parameters<typeof queueDigestDelivery>[1]): Promise<string> {
  return inTransaction(kit.db.pool, (client) => queueDigestDelivery(client, delivery))
}

describe('queueDigestDelivery', () => {
  test('json: the kpi.digest event with the whole content, signed; listed as type kpi.digest', async () => {
    await using receiver = await startReceiver(200)
    const tenant = await alertsTenant(kit.db.pool)
    const rep = tenant.teams[0].reps[0]
    const { admin, hook } = await webhookFor(tenant, { url: receiver.url, scope: `rep:${rep.id}` })
    const content = await repDigest(tenant, 'en')
    const eventId = `digest-test-${hook.id}`
    const id = await queueInTransaction({
      organizationId: tenant.organizationId,
      webhookId: hook.id,
      eventId,
      content,
      now: NOW,
    })
    const [outcome] = await deliverDue(kit.db, { now: NOW, ids: [id], ...sending })
    expect(outcome).toMatchObject({ status: 'delivered', statusCode: 200 })
    const { body, headers } = receiver.received[0]!
    expect(JSON.parse(body)).toEqual({
      id: eventId,
      type: 'kpi.digest',
      organizationId: tenant.organizationId,
      scope: `rep:${rep.id}`,
      period: content.period,
      occurredAt: NOW,
      digest: content,
    })
    expect(content.period).toMatchObject({ type: 'month', startDate: '2026-11-01' })
    expect(headers['x-kpi-event-id']).toBe(eventId)
    expect(headers['x-kpi-signature']).toBe(`sha256=${createHmac('sha256', hook.secret).update(body).digest('hex')}`)
    // The digest says what the fixture holds: the rep's won revenue is red, nothing won yet.
    const won = content.areas.flatMap((a) => a.kpis).find((k) => k.key === 'revenue.won')!
    expect(won).toMatchObject({ status: 'red', statusSymbol: '✕', statusLabel: 'Critical', value: '€0' })

    const listed = await kit.app.inject({ url: `/api/webhooks/${hook.id}/deliveries`, headers: admin.headers })
    expect(listed.json().items).toMatchObject([{ id, eventId, type: 'kpi.digest', status: 'delivered', attempts: 1 }])
  })

  test.each<{ tool: ReceiverTool; locale: 'en' | 'nl'; status: number; render: typeof renderDigestSlack }>([
    { tool: 'slack', locale: 'en', status: 200, render: renderDigestSlack },
    { tool: 'slack', locale: 'nl', status: 200, render: renderDigestSlack },
    { tool: 'teams', locale: 'en', status: 202, render: renderDigestTeams },
    { tool: 'teams', locale: 'nl', status: 202, render: renderDigestTeams },
  ])('$tool ($locale): the digest written for the tool, accepted by it', async ({ tool, locale, status, render }) => {
    await using receiver = await startReceiver(undefined, { like: tool })
    const tenant = await alertsTenant(kit.db.pool)
    const { hook } = await webhookFor(tenant, { url: receiver.url, format: tool, locale })
    const content = await repDigest(tenant, locale)
    const id = await queueInTransaction({
      organizationId: tenant.organizationId,
      webhookId: hook.id,
      eventId: `digest-${tool}-${locale}`,
      content,
      now: NOW,
    })
    const [outcome] = await deliverDue(kit.db, { now: NOW, ids: [id], ...sending })
    expect(outcome).toMatchObject({ status: 'delivered', statusCode: status })
    const [received] = receiver.received
    expect(received!.violations).toEqual([])
    expect(JSON.parse(received!.body)).toEqual(render(content))
    // In the digest's language (which the webhook's locale chose when the scheduler built it).
    const name = locale === 'nl' ? 'Gewonnen omzet' : 'Won revenue'
    expect(received!.body).toContain(name)
    expect(received!.body).toContain(locale === 'nl' ? 'Kritiek' : 'Critical')
  })

  test('in the caller transaction: a rollback queues nothing; a webhook of another organisation is refused', async () => {
    const tenant = await alertsTenant(kit.db.pool)
    const { hook } = await webhookFor(tenant, { url: 'https://hooks.example.test/digest' })
    const content = await repDigest(tenant, 'en')
    const delivery = { organizationId: tenant.organizationId, webhookId: hook.id, eventId: 'rolled-back', content }
    const rolledBack = new Error('rolled back on purpose')
    await expect(
      inTransaction(kit.db.pool, async (client) => {
        await queueDigestDelivery(client, delivery)
        throw rolledBack
      }),
    ).rejects.toBe(rolledBack)
    const { rows } = await kit.db.pool.query('SELECT 1 FROM webhook_deliveries WHERE webhook_id = $1', [hook.id])
    expect(rows).toEqual([])
    await expect(
      queueInTransaction({ ...delivery, organizationId: tenant.other.organizationId, eventId: 'other-org' }),
    ).rejects.toThrow(/not one of organisation/)
  })
})
