import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { startReceiver, type ReceiverTool } from '../../alerts/receiver.ts'
import { freePort } from '../../testing/test-app.ts'
import type { Tenant } from '../../testing/seed-tenant.ts'
import { auditOf, tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

// The test receiver listens on 127.0.0.1: WEBHOOK_ALLOW_PRIVATE_HOSTS, as in local development.
const kit = useApp({ webhookAllowPrivateHosts: true, publicUrl: 'https://kpi.example.test' })

describe('/api/webhooks', () => {
  test('admin only: 403 for manager and rep on every route', async () => {
    const { admin, manager, rep } = await tenantWithSessions(kit)
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: 'https://example.test/hook' },
    })
    const id = created.json().id as number
    const routes = [
      { method: 'GET', url: '/api/webhooks' },
      { method: 'POST', url: '/api/webhooks', payload: { url: 'https://example.test/x' } },
      { method: 'PATCH', url: `/api/webhooks/${id}`, payload: { active: false, version: 1 } },
      { method: 'DELETE', url: `/api/webhooks/${id}?version=1` },
      { method: 'GET', url: `/api/webhooks/${id}/deliveries` },
      { method: 'POST', url: `/api/webhooks/${id}/test` },
    ] as const
    for (const session of [manager, rep]) {
      for (const route of routes) {
        const response = await kit.app.inject({ ...route, headers: session.headers })
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(403)
      }
    }
  })

  test('create shows the secret once; list never; PATCH with a stale version is 409; DELETE; audit entries', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: 'https://example.test/hook' },
    })
    expect(created.statusCode).toBe(201)
    const hook = created.json()
    expect(hook).toMatchObject({ url: 'https://example.test/hook', active: true, version: 1 })
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/)

    const list = await kit.app.inject({ url: '/api/webhooks', headers: admin.headers })
    expect(list.json()).toEqual([
      {
        id: hook.id,
        url: hook.url,
        active: true,
        // The defaults: our signed JSON, in English, the whole organisation, zone changes only.
        format: 'json',
        locale: 'en',
        scope: null,
        digest: { frequency: 'off', weekday: 1, hour: 8 },
        version: 1,
        createdAt: hook.createdAt,
      },
    ])
    expect(list.body).not.toContain(hook.secret)

    const patched = await kit.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: admin.headers,
      payload: { active: false, version: 1 },
    })
    expect(patched.json()).toMatchObject({ active: false, version: 2 })
    const stale = await kit.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: admin.headers,
      payload: { url: 'https://example.test/other', version: 1 },
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ error: 'version_conflict', field: 'body.version', current: { version: 2 } })

    const staleDelete = await kit.app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${hook.id}?version=1`,
      headers: admin.headers,
    })
    expect(staleDelete.statusCode).toBe(409)
    const deleted = await kit.app.inject({
      method: 'DELETE',
      url: `/api/webhooks/${hook.id}?version=2`,
      headers: admin.headers,
    })
    expect(deleted.statusCode).toBe(204)

    const audit = await auditOf(kit, tenant.organizationId, 'webhook')
    expect(audit.map((a) => a.action)).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted'])
    expect(JSON.stringify(audit)).not.toContain(hook.secret)
  })

  test('format, language, scope and digest schedule: saved, listed, changed, cleared, and in the audit trail', async () => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const team = tenant.teams[0]
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: {
        url: 'https://hooks.slack.com/services/T000/B000/XXXX',
        format: 'slack',
        locale: 'nl',
        scope: `team:${team.id}`,
        digest: { frequency: 'weekly', weekday: 1, hour: 8 },
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const hook = created.json()
    const saved = {
      format: 'slack',
      locale: 'nl',
      scope: `team:${team.id}`,
      digest: { frequency: 'weekly', weekday: 1, hour: 8 },
    }
    expect(hook).toMatchObject(saved)
    expect((await kit.app.inject({ url: '/api/webhooks', headers: admin.headers })).json()).toMatchObject([saved])

    const patched = await kit.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: admin.headers,
      payload: {
        url: 'https://contoso.webhook.office.com/webhookb2/abc',
        format: 'teams',
        locale: 'en',
        digest: { frequency: 'daily', weekday: 3, hour: 17 },
        version: 1,
      },
    })
    expect(patched.statusCode, patched.body).toBe(200)
    // What the patch leaves out stays: the scope.
    expect(patched.json()).toMatchObject({
      format: 'teams',
      locale: 'en',
      scope: `team:${team.id}`,
      digest: { frequency: 'daily', weekday: 3, hour: 17 },
      version: 2,
    })
    const cleared = await kit.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.id}`,
      headers: admin.headers,
      payload: { scope: null, version: 2 },
    })
    expect(cleared.json()).toMatchObject({ scope: null, format: 'teams', version: 3 })

    const audit = await auditOf(kit, tenant.organizationId, 'webhook')
    expect(audit.map((a) => a.after)).toMatchObject([
      saved,
      { format: 'teams', locale: 'en', digest: { frequency: 'daily', weekday: 3, hour: 17 } },
      { scope: null },
    ])
    expect(JSON.stringify(audit)).not.toContain(hook.secret)
  })

  const digest = (frequency: string, weekday: number, hour: number) => () => ({ digest: { frequency, weekday, hour } })
  test.each([
    { field: 'body.format', case: 'format xml', body: () => ({ format: 'xml' }) },
    { field: 'body.locale', case: 'locale de', body: () => ({ locale: 'de' }) },
    { field: 'body.digest.hour', case: 'digest hour 24', body: digest('daily', 1, 24) },
    { field: 'body.digest.weekday', case: 'digest weekday 0', body: digest('weekly', 0, 8) },
    { field: 'body.digest.frequency', case: 'digest frequency hourly', body: digest('hourly', 1, 8) },
    {
      field: 'body.scope',
      case: "another organisation's team",
      body: (t: Tenant) => ({ scope: `team:${t.other.teamId}` }),
    },
    {
      field: 'body.scope',
      case: "another organisation's rep",
      body: (t: Tenant) => ({ scope: `rep:${t.other.rep.id}` }),
    },
    { field: 'body.scope', case: 'a team that does not exist', body: () => ({ scope: 'team:2147483647' }) },
    { field: 'body.scope', case: 'a region that does not exist', body: () => ({ scope: 'region:2147483647' }) },
    {
      field: 'body.scope',
      case: 'a customer',
      body: (t: Tenant) => ({ scope: `customer:${t.teams[0].reps[0].customerId}` }),
    },
    { field: 'body.scope', case: 'one past int4', body: () => ({ scope: 'team:2147483648' }) },
    { field: 'body.scope', case: 'not a scope', body: () => ({ scope: 'everyone' }) },
  ])('POST and PATCH refuse $field: $case', async ({ field, body }) => {
    const { tenant, admin } = await tenantWithSessions(kit)
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: 'https://example.test/hook', ...body(tenant) },
    })
    expect(created.statusCode, created.body).toBe(400)
    expect(created.json().field).toBe(field)
    const valid = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: 'https://example.test/hook' },
    })
    const patched = await kit.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${valid.json().id}`,
      headers: admin.headers,
      payload: { ...body(tenant), version: 1 },
    })
    expect(patched.statusCode, patched.body).toBe(400)
    expect(patched.json().field).toBe(field)
    // Nothing was saved by the refused requests: one webhook, unchanged.
    const list = (await kit.app.inject({ url: '/api/webhooks', headers: admin.headers })).json()
    expect(list).toMatchObject([{ version: 1, format: 'json', scope: null }])
  })

  test.each<{ format: ReceiverTool; locale: 'en' | 'nl'; status: number; words: string[] }>([
    { format: 'slack', locale: 'en', status: 200, words: ['Test message from the KPI dashboard', 'Team '] },
    { format: 'slack', locale: 'nl', status: 200, words: ['Testbericht van het KPI-dashboard', 'Team '] },
    { format: 'teams', locale: 'en', status: 202, words: ['Test message from the KPI dashboard', 'Team '] },
    { format: 'teams', locale: 'nl', status: 202, words: ['Testbericht van het KPI-dashboard', 'Team '] },
  ])(
    'POST /:id/test sends a $format test message ($locale) the tool accepts',
    async ({ format, locale, status, words }) => {
      const { tenant, admin } = await tenantWithSessions(kit)
      await using receiver = await startReceiver(undefined, { like: format })
      const created = await kit.app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: admin.headers,
        payload: { url: receiver.url, format, locale, scope: `team:${tenant.teams[0].id}` },
      })
      const sent = await kit.app.inject({
        method: 'POST',
        url: `/api/webhooks/${created.json().id}/test`,
        headers: admin.headers,
      })
      expect(sent.json().delivery).toMatchObject({ type: 'kpi.test', status: 'delivered', lastStatusCode: status })
      const [received] = receiver.received
      expect(received!.violations).toEqual([])
      for (const word of [...words, tenant.teams[0].name, `Org ${tenant.tag}`]) expect(received!.body).toContain(word)
      // Links are absolute, into the product at PUBLIC_URL.
      expect(received!.body).toContain('https://kpi.example.test/')
    },
  )

  test.each([
    { url: 'ftp://example.test/hook', message: 'http' },
    { url: 'javascript:alert(1)', message: 'http' },
    { url: 'not a url', message: 'http' },
    { url: 'https://user:pass@example.test/hook', message: 'credentials' },
  ])('rejects $url with a 400 naming body.url', async ({ url, message }) => {
    const { admin } = await tenantWithSessions(kit)
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().field).toBe('body.url')
    expect(response.json().message).toContain(message)
  })

  test("another organisation's webhook is not found", async () => {
    const a = await tenantWithSessions(kit)
    const b = await tenantWithSessions(kit)
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: a.admin.headers,
      payload: { url: 'https://example.test/hook' },
    })
    const id = created.json().id as number
    for (const [method, url, payload] of [
      ['GET', `/api/webhooks/${id}/deliveries`, undefined],
      ['PATCH', `/api/webhooks/${id}`, { active: false, version: 1 }],
      ['DELETE', `/api/webhooks/${id}?version=1`, undefined],
      ['POST', `/api/webhooks/${id}/test`, undefined],
    ] as const) {
      const response = await kit.app.inject({ method, url, payload, headers: b.admin.headers })
      expect(response.statusCode, `${method} ${url}`).toBe(404)
    }
    expect((await kit.app.inject({ url: '/api/webhooks', headers: b.admin.headers })).json()).toEqual([])
  })

  test('POST /:id/test sends a signed kpi.test event now and reports the answer; a failing receiver shows up', async () => {
    const { admin } = await tenantWithSessions(kit)
    await using receiver = await startReceiver(200)
    const created = (
      await kit.app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: admin.headers,
        payload: { url: receiver.url },
      })
    ).json()
    const sent = await kit.app.inject({
      method: 'POST',
      url: `/api/webhooks/${created.id}/test`,
      headers: admin.headers,
    })
    expect(sent.statusCode).toBe(200)
    expect(sent.json().delivery).toMatchObject({
      type: 'kpi.test',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
    })
    expect(receiver.received).toHaveLength(1)
    const { headers, body } = receiver.received[0]!
    expect(headers['x-kpi-signature']).toBe(`sha256=${createHmac('sha256', created.secret).update(body).digest('hex')}`)

    receiver.status = 503
    const failed = await kit.app.inject({
      method: 'POST',
      url: `/api/webhooks/${created.id}/test`,
      headers: admin.headers,
    })
    expect(failed.json().delivery).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'HTTP 503',
    })
    const listed = await kit.app.inject({ url: `/api/webhooks/${created.id}/deliveries`, headers: admin.headers })
    expect(listed.json().items.map((d: { status: string }) => d.status)).toEqual(['pending', 'delivered'])
  })

  test('a closed port and an unreachable host read the same: the test button is no port scanner (F5)', async () => {
    const { admin } = await tenantWithSessions(kit)
    const errors: unknown[] = []
    for (const url of [`http://127.0.0.1:${await freePort()}/hook`, 'http://no-such-host.example.test/hook']) {
      const created = await kit.app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: admin.headers,
        payload: { url },
      })
      expect(created.statusCode, created.body).toBe(201)
      const sent = await kit.app.inject({
        method: 'POST',
        url: `/api/webhooks/${created.json().id}/test`,
        headers: admin.headers,
      })
      errors.push(sent.json().delivery.lastError)
    }
    expect(errors).toEqual(['the receiver could not be reached', 'the receiver could not be reached'])
  })
})
