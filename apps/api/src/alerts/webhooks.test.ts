import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { loginAs } from '../testing/login-as.ts'
import { useApp } from '../routes/settings/config-test-kit.ts'
import { alertsTenant, NOW, winBigDeal } from './alerts-fixture.ts'
import { detectStatusChanges } from './detect.ts'
import { startReceiver } from './receiver.ts'
import { deliverDue, MAX_ATTEMPTS } from './webhooks.ts'

// The receiver listens on 127.0.0.1: allowed only with WEBHOOK_ALLOW_PRIVATE_HOSTS (webhooks.security.test.ts).
const kit = useApp({ webhookAllowPrivateHosts: true })
const egress = { allowPrivateHosts: true }
const publicUrl = 'https://kpi.example.test'

const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()

/** A tenant with one webhook (created through the API, so we hold its one-time secret) and a red → green change. */
async function changeWithWebhook(receiverUrl: string) {
  const tenant = await alertsTenant(kit.db.pool)
  const admin = await loginAs(kit.app, tenant.admin.email)
  const created = await kit.app.inject({
    method: 'POST',
    url: '/api/webhooks',
    headers: admin.headers,
    payload: { url: receiverUrl },
  })
  expect(created.statusCode).toBe(201)
  const hook = created.json() as { id: number; secret: string }
  await detectStatusChanges(kit.db, { organizationId: tenant.organizationId, now: NOW })
  await winBigDeal(kit.db.pool, tenant)
  const result = await detectStatusChanges(kit.db, { organizationId: tenant.organizationId, now: NOW })
  return { tenant, admin, hook, result }
}

async function deliveriesOf(hookId: number) {
  const { rows } = await kit.db.pool.query<{ status: string; attempts: number; next_attempt_at: Date }>(
    `SELECT status::text, attempts, next_attempt_at FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id`,
    [hookId],
  )
  return rows
}

describe('webhook deliveries', () => {
  test('a status change is POSTed once per webhook, signed with the secret', async () => {
    await using receiver = await startReceiver(200)
    const { tenant, hook, result } = await changeWithWebhook(receiver.url)
    expect(result.deliveries).toBe(result.changes.length)

    const outcomes = await deliverDue(kit.db, { now: NOW, limit: 100, egress, publicUrl })
    const ours = outcomes.filter((o) => o.statusCode !== null)
    expect(ours.length).toBeGreaterThanOrEqual(result.changes.length)
    const month = receiver.received
      .map((r) => ({ ...r, json: JSON.parse(r.body) }))
      .find((r) => r.json.period.type === 'month' && r.json.organizationId === tenant.organizationId)!
    expect(month.json).toMatchObject({
      type: 'kpi.status_changed',
      kpiKey: 'revenue.won',
      scope: `rep:${tenant.teams[0].reps[0].id}`,
      period: { type: 'month', startDate: '2026-11-01' },
      from: 'red',
      to: 'green',
      value: 20000,
      occurredAt: NOW,
    })
    const expected = `sha256=${createHmac('sha256', hook.secret).update(month.body).digest('hex')}`
    expect(month.headers['x-kpi-signature']).toBe(expected)
    expect(month.headers['x-kpi-event-id']).toBe(month.json.id)
    expect((await deliveriesOf(hook.id)).every((d) => d.status === 'DELIVERED' && d.attempts === 1)).toBe(true)

    // Delivered means done: nothing is sent again later.
    const before = receiver.received.length
    await deliverDue(kit.db, { now: later(86_400_000), limit: 100, egress, publicUrl })
    expect(receiver.received.length).toBe(before)
  })

  test('a receiver answering 500 is retried after 30 s, 2 min, 10 min, 1 h, 6 h, then the delivery fails', async () => {
    await using receiver = await startReceiver(500)
    const { admin, hook } = await changeWithWebhook(receiver.url)
    const count = (await deliveriesOf(hook.id)).length

    // Attempt times: 0, +30 s, +2 min 30 s, +12 min 30 s, +1 h 12 min 30 s, +7 h 12 min 30 s (cumulative backoff).
    const attemptsAt = [0, 30_000, 150_000, 750_000, 4_350_000, 25_950_000]
    expect(attemptsAt.length).toBe(MAX_ATTEMPTS)
    for (const [index, at] of attemptsAt.entries()) {
      // One millisecond early nothing is due (the backoff holds) …
      if (index > 0) {
        await deliverDue(kit.db, { now: later(at - 1), limit: 100, egress, publicUrl })
        expect((await deliveriesOf(hook.id)).every((d) => d.attempts === index)).toBe(true)
      }
      // … on time every one of this webhook's deliveries is attempted once more.
      await deliverDue(kit.db, { now: later(at), limit: 100, egress, publicUrl })
      const rows = await deliveriesOf(hook.id)
      expect(rows.every((d) => d.attempts === index + 1)).toBe(true)
    }
    expect(receiver.received.length).toBe(count * MAX_ATTEMPTS)
    const rows = await deliveriesOf(hook.id)
    expect(rows.map((d) => d.status)).toEqual(rows.map(() => 'FAILED'))

    // Nothing more after giving up.
    await deliverDue(kit.db, { now: later(30 * 86_400_000), limit: 100, egress, publicUrl })
    expect(receiver.received.length).toBe(count * MAX_ATTEMPTS)

    const listed = await kit.app.inject({
      url: `/api/webhooks/${hook.id}/deliveries?status=failed`,
      headers: admin.headers,
    })
    expect(listed.statusCode).toBe(200)
    expect(listed.json().items).toHaveLength(count)
    expect(listed.json().items[0]).toMatchObject({
      type: 'kpi.status_changed',
      status: 'failed',
      attempts: 6,
      lastStatusCode: 500,
      lastError: 'HTTP 500',
      nextAttemptAt: null,
      deliveredAt: null,
    })
  })

  describe('the address checked is the address connected to (F5: DNS rebinding)', () => {
    /** A resolver that answers `addresses` for any name and counts its calls, as DNS under an attacker would. */
    const resolverOf = (...addresses: string[]) => {
      const calls: string[] = []
      const resolve = async (name: string) => {
        calls.push(name)
        return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
      }
      return { calls, resolve }
    }
    /** One delivery to `url` (the webhook saved with private hosts allowed, as the send-time check must not trust). */
    async function deliveryTo(url: string) {
      const { hook } = await changeWithWebhook(url)
      const { rows } = await kit.db.pool.query<{ id: string }>(
        `SELECT id::text FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id LIMIT 1`,
        [hook.id],
      )
      return rows[0]!.id
    }

    test('a name is resolved once and the connection goes to that answer, not to a second lookup', async () => {
      await using receiver = await startReceiver(200)
      // hooks.example.test resolves nowhere but through the injected resolver: delivery proves the pin.
      const id = await deliveryTo(receiver.url.replace('127.0.0.1', 'hooks.example.test'))
      const dns = resolverOf('127.0.0.1')
      const [outcome] = await deliverDue(kit.db, {
        now: NOW,
        ids: [id],
        egress: { allowPrivateHosts: true, ...dns },
        publicUrl,
      })
      expect(outcome).toMatchObject({ status: 'delivered', statusCode: 200 })
      expect(dns.calls).toEqual(['hooks.example.test'])
      expect(receiver.received).toHaveLength(1)
    })

    test.each([
      { addresses: ['127.0.0.1'] },
      { addresses: ['93.184.215.14', '127.0.0.1'] },
      { addresses: ['::ffff:169.254.169.254'] },
    ])('a name that now resolves to $addresses is refused at send time; nothing is sent', async ({ addresses }) => {
      await using receiver = await startReceiver(200)
      const id = await deliveryTo(receiver.url.replace('127.0.0.1', 'rebound.example.test'))
      const dns = resolverOf(...addresses)
      const [outcome] = await deliverDue(kit.db, {
        now: NOW,
        ids: [id],
        egress: { allowPrivateHosts: false, ...dns },
        publicUrl,
      })
      expect(outcome).toMatchObject({
        status: 'pending',
        statusCode: null,
        error: 'the receiver address is not public',
      })
      expect(receiver.received).toHaveLength(0)
    })
  })
})
