import { describe, expect, test } from 'vitest'
import { startReceiver } from '../../alerts/receiver.ts'
import { tenantWithSessions, useApp } from '../settings/config-test-kit.ts'

// Issue 14 F5 (SSRF): with WEBHOOK_ALLOW_PRIVATE_HOSTS off (the default, as here) a webhook may only point at a
// public internet address — never at this machine, the private network or a cloud metadata service.

const kit = useApp()

const refused = [
  'http://169.254.169.254/latest/meta-data/', // cloud metadata (link-local)
  'http://metadata.google.internal/computeMetadata/v1/',
  'http://metadata.goog/',
  'http://10.0.0.1/hook',
  'http://172.16.0.1/hook',
  'http://192.168.1.1/hook',
  'http://100.64.0.1/hook', // CGNAT
  'http://127.0.0.1:5432/',
  'http://[::1]/hook',
  'http://0.0.0.0/hook',
  'http://[::]/hook',
  'http://2130706433/hook', // 127.0.0.1 as one decimal number
  'http://0x7f.1/hook', // … in hex with a short form
  'http://0177.0.0.1/hook', // … in octal
  'http://127.1/hook',
  'http://localhost:3000/hook',
  'http://LOCALHOST./hook',
  'http://api.localhost/hook',
  'http://[::ffff:127.0.0.1]/hook', // IPv4-mapped IPv6
  'http://[::ffff:a9fe:a9fe]/hook', // 169.254.169.254, mapped
  'http://[64:ff9b::a00:1]/hook', // 10.0.0.1 through NAT64
  'http://[fd00::1]/hook', // unique local (fc00::/7)
  'http://[fe80::1]/hook', // link-local
  'http://224.0.0.1/hook', // multicast
  'http://[ff02::1]/hook',
  'http://255.255.255.255/hook', // broadcast
  'https://198.18.0.1/hook', // benchmarking range
]

describe('webhook URLs (SSRF)', () => {
  test.each(refused)('POST and PATCH refuse %s with a 400 naming body.url', async (url) => {
    const { admin } = await tenantWithSessions(kit)
    const created = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url },
    })
    expect(created.statusCode, created.body).toBe(400)
    expect(created.json()).toMatchObject({ error: 'validation_failed', field: 'body.url' })
    expect(created.json().message).toMatch(/public/)

    const hook = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: 'https://hooks.example.test/in' },
    })
    const patched = await kit.app.inject({
      method: 'PATCH',
      url: `/api/webhooks/${hook.json().id}`,
      headers: admin.headers,
      payload: { url, version: 1 },
    })
    expect(patched.statusCode, patched.body).toBe(400)
    expect(patched.json().field).toBe('body.url')
  })

  test.each(['https://93.184.215.14/hook', 'https://hooks.example.test/in'])(
    'accepts %s (a public address; a name that does not resolve yet is checked when sending)',
    async (url) => {
      const { admin } = await tenantWithSessions(kit)
      const created = await kit.app.inject({
        method: 'POST',
        url: '/api/webhooks',
        headers: admin.headers,
        payload: { url, active: false },
      })
      expect(created.statusCode, created.body).toBe(201)
    },
  )

  test('a URL saved while private hosts were allowed is refused when sending, and nothing reaches it', async () => {
    const { admin } = await tenantWithSessions(kit)
    await using receiver = await startReceiver(200)
    const hook = await kit.app.inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { url: 'https://hooks.example.test/in' },
    })
    // As if saved under WEBHOOK_ALLOW_PRIVATE_HOSTS=true (or a name that resolved publicly then): localhost.
    const local = receiver.url.replace('127.0.0.1', 'localhost')
    await kit.db.pool.query('UPDATE webhooks SET url = $1 WHERE id = $2', [local, hook.json().id])
    const sent = await kit.app.inject({
      method: 'POST',
      url: `/api/webhooks/${hook.json().id}/test`,
      headers: admin.headers,
    })
    expect(sent.json().delivery).toMatchObject({
      status: 'pending',
      lastStatusCode: null,
      lastError: 'the receiver address is not public',
    })
    expect(receiver.received).toHaveLength(0)
  })
})
