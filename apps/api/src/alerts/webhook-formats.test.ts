import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { loginAs } from '../testing/login-as.ts'
import type { Tenant } from '../testing/seed-tenant.ts'
import { useApp } from '../routes/settings/config-test-kit.ts'
import { alertsTenant, NOW, winBigDeal } from './alerts-fixture.ts'
import { detectStatusChanges } from './detect.ts'
import { startReceiver, type Receiver, type ReceiverTool } from './receiver.ts'
import { deliverDue, MAX_ATTEMPTS } from './webhooks.ts'

// Zone changes written for each tool, checked at receivers that judge bodies as Slack and Teams do (receiver.ts).
const kit = useApp({ webhookAllowPrivateHosts: true })
const sending = { egress: { allowPrivateHosts: true }, publicUrl: 'https://kpi.example.test' }
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()

type HookSettings = { format: 'json' | 'slack' | 'teams'; locale?: 'en' | 'nl'; scope?: string }

/**
 * The alerts fixture (teams[0].reps[0] red on November's won revenue, then one won deal of 20 000 → green) with
 * webhooks created through the API before the change; returns the ids of each webhook's deliveries.
 */
async function zoneChange(
  hooksOf: (tenant: Tenant) => Promise<(HookSettings & { url: string })[]> | (HookSettings & { url: string })[],
) {
  const tenant = await alertsTenant(kit.db.pool)
  const admin = await loginAs(kit.app, tenant.admin.email)
  const created: { id: number; secret: string }[] = []
  for (const payload of await hooksOf(tenant)) {
    const response = await kit.app.inject({ method: 'POST', url: '/api/webhooks', headers: admin.headers, payload })
    expect(response.statusCode, response.body).toBe(201)
    created.push(response.json())
  }
  await detectStatusChanges(kit.db, { organizationId: tenant.organizationId, now: NOW })
  await winBigDeal(kit.db.pool, tenant)
  const result = await detectStatusChanges(kit.db, { organizationId: tenant.organizationId, now: NOW })
  const deliveryIds = async (hookId: number) =>
    (
      await kit.db.pool.query<{ id: string }>(
        'SELECT id::text FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY id',
        [hookId],
      )
    ).rows.map((r) => r.id)
  return { tenant, admin, hooks: created, result, deliveryIds }
}

/** The month's change of the rep, as the receiver got it (the week may change too; the month is the one tested). */
function monthChange(receiver: Receiver, rep: { id: number }) {
  const link = `https://kpi.example.test/kpi/revenue.won?scope=rep%3A${rep.id}&period=month&date=2026-11-01`
  // Slack's mrkdwn carries the link with & written as &amp; (as Slack asks).
  const found = receiver.received.find((r) => r.body.includes(link) || r.body.includes(link.replaceAll('&', '&amp;')))
  expect(found, `no delivery links to ${link}`).toBeDefined()
  return { ...found!, json: JSON.parse(found!.body) as Record<string, unknown>, link }
}

describe('a zone change in each format', () => {
  test('json: our event, unchanged and signed', async () => {
    await using receiver = await startReceiver(200)
    const { tenant, hooks } = await zoneChange(() => [{ url: receiver.url, format: 'json', locale: 'nl' }])
    await deliverDue(kit.db, { now: NOW, limit: 100, ...sending })
    const rep = tenant.teams[0].reps[0]
    const month = receiver.received
      .map((r) => ({ ...r, json: JSON.parse(r.body) }))
      .find((r) => r.json.scope === `rep:${rep.id}` && r.json.period.type === 'month')!
    // The locale is for people: json carries keys and numbers, the same in every language.
    expect(month.json).toEqual({
      id: month.headers['x-kpi-event-id'],
      type: 'kpi.status_changed',
      organizationId: tenant.organizationId,
      kpiKey: 'revenue.won',
      scope: `rep:${rep.id}`,
      period: { type: 'month', label: '2026-11', startDate: '2026-11-01' },
      from: 'red',
      to: 'green',
      value: 20000,
      occurredAt: NOW,
    })
    expect(month.headers['x-kpi-signature']).toBe(
      `sha256=${createHmac('sha256', hooks[0]!.secret).update(month.body).digest('hex')}`,
    )
  })

  test.each([
    {
      locale: 'en' as const,
      title: (rep: string) => `✓ Won revenue for ${rep} turned green — November 2026`,
      fields: ['*Status*\n✓ On track', '*Previously*\n✕ Critical', '*Value*\n€20,000'],
      button: 'Open in the dashboard',
    },
    {
      locale: 'nl' as const,
      title: (rep: string) => `✓ Gewonnen omzet voor ${rep} is groen geworden — november 2026`,
      fields: ['*Status*\n✓ Op koers', '*Eerder*\n✕ Kritiek', '*Waarde*\n€\u00a020.000'],
      button: 'Openen in het dashboard',
    },
  ])('slack ($locale): text and blocks Slack accepts, the status in words and symbol', async (expected) => {
    await using receiver = await startReceiver(undefined, { like: 'slack' })
    const { tenant, hooks, deliveryIds } = await zoneChange(() => [
      { url: receiver.url, format: 'slack', locale: expected.locale },
    ])
    const outcomes = await deliverDue(kit.db, { now: NOW, ids: await deliveryIds(hooks[0]!.id), ...sending })
    expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => 'delivered'))
    const rep = tenant.teams[0].reps[0]
    const { json, link, answeredWith, violations } = monthChange(receiver, rep)
    expect({ answeredWith, violations }).toEqual({ answeredWith: 200, violations: [] })
    const title = expected.title(rep.name)
    expect(json).toEqual({
      text: title,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: title, emoji: false } },
        { type: 'section', fields: expected.fields.map((text) => ({ type: 'mrkdwn', text })) },
        { type: 'section', text: { type: 'mrkdwn', text: `<${link.replaceAll('&', '&amp;')}|${expected.button}>` } },
      ],
    })
  })

  test.each([
    {
      locale: 'en' as const,
      title: (rep: string) => `✓ Won revenue for ${rep} turned green — November 2026`,
      facts: [
        { title: 'Status', value: '✓ On track' },
        { title: 'Previously', value: '✕ Critical' },
        { title: 'Value', value: '€20,000' },
      ],
      button: 'Open in the dashboard',
    },
    {
      locale: 'nl' as const,
      title: (rep: string) => `✓ Gewonnen omzet voor ${rep} is groen geworden — november 2026`,
      facts: [
        { title: 'Status', value: '✓ Op koers' },
        { title: 'Eerder', value: '✕ Kritiek' },
        { title: 'Waarde', value: '€\u00a020.000' },
      ],
      button: 'Openen in het dashboard',
    },
  ])('teams ($locale): a message with one Adaptive Card that Teams accepts (202)', async (expected) => {
    await using receiver = await startReceiver(undefined, { like: 'teams' })
    const { tenant, hooks, deliveryIds } = await zoneChange(() => [
      { url: receiver.url, format: 'teams', locale: expected.locale },
    ])
    const outcomes = await deliverDue(kit.db, { now: NOW, ids: await deliveryIds(hooks[0]!.id), ...sending })
    expect(outcomes.map((o) => [o.status, o.statusCode])).toEqual(outcomes.map(() => ['delivered', 202]))
    const rep = tenant.teams[0].reps[0]
    const { json, link, violations } = monthChange(receiver, rep)
    expect(violations).toEqual([])
    expect(json).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            msteams: { width: 'Full' },
            body: [
              {
                type: 'TextBlock',
                text: expected.title(rep.name),
                weight: 'Bolder',
                size: 'Medium',
                wrap: true,
                color: 'Good',
              },
              { type: 'FactSet', facts: expected.facts },
            ],
            actions: [{ type: 'Action.OpenUrl', title: expected.button, url: link }],
          },
        },
      ],
    })
  })

  test('names typed by people cannot ping a Slack channel: < > & are escaped in mrkdwn', async () => {
    await using receiver = await startReceiver(undefined, { like: 'slack' })
    const { tenant, hooks, deliveryIds } = await zoneChange(() => [{ url: receiver.url, format: 'slack' }])
    const rep = tenant.teams[0].reps[0]
    await kit.db.pool.query(`UPDATE users SET name = '<!channel> & co' WHERE id = $1`, [rep.id])
    await deliverDue(kit.db, { now: NOW, ids: await deliveryIds(hooks[0]!.id), ...sending })
    const { json } = monthChange(receiver, rep)
    expect(json['text']).toBe('✓ Won revenue for &lt;!channel&gt; &amp; co turned green — November 2026')
    // The header is plain_text, which Slack never reads as markup: there the name stands as typed.
    expect((json['blocks'] as { text?: { text: string } }[])[0]!.text!.text).toBe(
      '✓ Won revenue for <!channel> & co turned green — November 2026',
    )
  })
})

describe('a receiver that refuses the body', () => {
  test.each<{ tool: ReceiverTool; answer: RegExp }>([
    { tool: 'slack', answer: /^no_text$/ },
    { tool: 'teams', answer: /type: must be 'message'/ },
  ])('a json webhook pointed at $tool: refused (400), retried with back-off, then failed', async ({ tool, answer }) => {
    await using receiver = await startReceiver(undefined, { like: tool })
    const { hooks, deliveryIds, admin } = await zoneChange(() => [{ url: receiver.url, format: 'json' }])
    const ids = await deliveryIds(hooks[0]!.id)
    const attemptsAt = [0, 30_000, 150_000, 750_000, 4_350_000, 25_950_000] // cumulative BACKOFF_MS
    for (const at of attemptsAt) await deliverDue(kit.db, { now: later(at), ids, ...sending })
    expect(receiver.received).toHaveLength(ids.length * MAX_ATTEMPTS)
    expect(receiver.received.every((r) => r.answeredWith === 400 && answer.test(r.answer))).toBe(true)
    const listed = await kit.app.inject({
      url: `/api/webhooks/${hooks[0]!.id}/deliveries?status=failed`,
      headers: admin.headers,
    })
    expect(listed.json().items).toHaveLength(ids.length)
    expect(listed.json().items[0]).toMatchObject({ attempts: 6, lastStatusCode: 400, lastError: 'HTTP 400' })
  })

  test('an event that cannot be written for the tool is a failed attempt, retried, never sent half-written', async () => {
    await using receiver = await startReceiver(undefined, { like: 'slack' })
    const { hooks } = await zoneChange(() => [{ url: receiver.url, format: 'slack' }])
    const { rows } = await kit.db.pool.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, payload, next_attempt_at, created_at)
       VALUES ($1, 'unknown-event', '{"type": "kpi.something_new"}', $2, $2) RETURNING id::text`,
      [hooks[0]!.id, NOW],
    )
    const [outcome] = await deliverDue(kit.db, { now: NOW, ids: [rows[0]!.id], ...sending })
    expect(outcome).toEqual({
      id: rows[0]!.id,
      status: 'pending',
      statusCode: null,
      error: 'the message could not be written in the webhook format',
    })
    expect(receiver.received).toEqual([])
  })

  test('an accepted body still fails while the tool is down (503), and is delivered once it is back', async () => {
    await using receiver = await startReceiver(503, { like: 'teams' })
    const { hooks, deliveryIds } = await zoneChange(() => [{ url: receiver.url, format: 'teams' }])
    const ids = await deliveryIds(hooks[0]!.id)
    const first = await deliverDue(kit.db, { now: NOW, ids, ...sending })
    expect(first.map((o) => [o.status, o.statusCode])).toEqual(ids.map(() => ['pending', 503]))
    receiver.status = 202
    const second = await deliverDue(kit.db, { now: later(30_000), ids, ...sending })
    expect(second.map((o) => [o.status, o.statusCode])).toEqual(ids.map(() => ['delivered', 202]))
  })
})

describe("a webhook's scope", () => {
  test("team A's webhook gets its rep's change; team B's and another rep's get nothing; no scope and 'org' get all", async () => {
    await using receiver = await startReceiver(200)
    const { tenant, hooks, result, deliveryIds } = await zoneChange((t) =>
      [null, 'org', `team:${t.teams[0].id}`, `team:${t.teams[1].id}`, `rep:${t.teams[0].reps[1].id}`].map((scope) => ({
        url: receiver.url,
        format: 'json' as const,
        ...(scope ? { scope } : {}),
      })),
    )
    const rep = tenant.teams[0].reps[0]
    // What changed: the rep's won revenue (month, maybe week), and possibly their team's and the organisation's.
    const changed = result.changes.map((c) => c.scopeKey)
    expect(changed).toContain(`rep:${rep.id}`)
    const inTeamA = changed.filter((s) => s === `rep:${rep.id}` || s === `team:${tenant.teams[0].id}`)
    const counts = await Promise.all(hooks.map(async (h) => (await deliveryIds(h.id)).length))
    expect(counts).toEqual([changed.length, changed.length, inTeamA.length, 0, 0])
  })

  test('a region covers its teams and their reps, and no team outside it', async () => {
    await using receiver = await startReceiver(200)
    const regions: number[] = []
    const { tenant, hooks, result, deliveryIds } = await zoneChange(async (t) => {
      for (const team of t.teams) {
        const { rows } = await kit.db.pool.query<{ id: number }>(
          `INSERT INTO regions (organization_id, name) VALUES ($1, $2) RETURNING id`,
          [t.organizationId, `Region of ${team.name}`],
        )
        await kit.db.pool.query('UPDATE teams SET region_id = $1 WHERE id = $2', [rows[0]!.id, team.id])
        regions.push(rows[0]!.id)
      }
      return regions.map((id) => ({ url: receiver.url, format: 'json' as const, scope: `region:${id}` }))
    })
    const teamA = [`rep:${tenant.teams[0].reps[0].id}`, `team:${tenant.teams[0].id}`]
    const inRegionA = result.changes.filter((c) => teamA.includes(c.scopeKey))
    expect(inRegionA.length).toBeGreaterThan(0)
    expect(await deliveryIds(hooks[0]!.id)).toHaveLength(inRegionA.length)
    expect(await deliveryIds(hooks[1]!.id)).toHaveLength(0)
  })
})
