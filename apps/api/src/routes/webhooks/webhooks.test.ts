import { createHmac } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { startReceiver } from '../../alerts/receiver.ts'
import { freePort } from '../../testing/test-app.ts'
import { auditOf, tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

// The test receiver listens on 127.0.0.1: WEBHOOK_ALLOW_PRIVATE_HOSTS, as in local development.
const kit = useApp({ webhookAllowPrivateHosts: true })

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
    expect(list.json()).toEqual([{ id: hook.id, url: hook.url, active: true, version: 1, createdAt: hook.createdAt }])
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
