import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import type { Config } from '../../config.ts'
import { csrfHeaders } from '../../testing/login-as.ts'
import { seedTenant, type Tenant } from '../../testing/seed-tenant.ts'
import { testConfig } from '../../testing/test-app.ts'

// TRUST_PROXY through a real reverse proxy: the app listens on 127.0.0.1, a small node:http proxy in front of it
// appends the client's address to X-Forwarded-For and says X-Forwarded-Proto: https (it "terminated TLS"), as
// nginx or a cloud load balancer does. Two clients reach the proxy from their own loopback addresses (127.0.0.2
// and 127.0.0.3); the proxy reaches the app from 127.0.0.1.

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string }

async function listening(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A reverse proxy to `target` (host:port) that keeps Host, as a proxy in front of this app must. */
async function startProxy(target: string): Promise<{ host: string; close: () => Promise<void> }> {
  const [hostname, port] = target.split(':')
  const server = http.createServer((incoming, outgoing) => {
    const forwardedFor = [incoming.headers['x-forwarded-for'], incoming.socket.remoteAddress].filter(Boolean)
    const upstream = http.request(
      {
        hostname,
        port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, 'x-forwarded-for': forwardedFor.join(', '), 'x-forwarded-proto': 'https' },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(outgoing)
      },
    )
    upstream.on('error', () => outgoing.writeHead(502).end())
    incoming.pipe(upstream)
  })
  const host = await listening(server)
  return { host, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** A request to the proxy from the loopback address `client`. */
function send(
  proxyHost: string,
  client: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<Reply> {
  const [hostname, port] = proxyHost.split(':')
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        hostname,
        port,
        path,
        method,
        localAddress: client,
        headers: { ...headers, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        agent: false,
      },
      (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }))
      },
    )
    request.on('error', reject)
    request.end(payload)
  })
}

const clientA = '127.0.0.2'
const clientB = '127.0.0.3'

let database: TestDatabase
let tenant: Tenant

beforeAll(async () => {
  database = await createTestDatabase()
  tenant = await seedTenant(database.pool)
})

afterAll(async () => {
  await database?.[Symbol.asyncDispose]()
})

/** The app with these settings behind a fresh proxy; the test's body gets the proxy's host:port. */
async function behindProxy(
  overrides: Partial<Config>,
  body: (proxyHost: string) => Promise<void>,
  beforeListen: (app: App) => void = () => {},
) {
  await database.pool.query('DELETE FROM login_failures') // each test starts with no address locked out
  const app = await buildApp({ config: testConfig(overrides), store: database })
  beforeListen(app)
  const target = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('http://', '')
  const proxy = await startProxy(target)
  try {
    await body(proxy.host)
  } finally {
    await proxy.close()
    await app.close()
  }
}

function login(proxyHost: string, client: string, email: string, password: string, headers = {}) {
  return send(proxyHost, client, '/api/auth/login', {
    method: 'POST',
    headers: { ...csrfHeaders(), ...headers },
    body: { email, password },
  })
}

/** 20 failures from `client` over 20 unknown emails: enough to reach the per-address limit. */
async function spray(proxyHost: string, client: string, tag: string) {
  for (let i = 0; i < 20; i += 1) {
    expect((await login(proxyHost, client, `${tag}${i}@example.test`, 'wrong')).status).toBe(401)
  }
}

describe('behind a reverse proxy', () => {
  test('with TRUST_PROXY set to the proxy, the per-address limit applies to each client, not to the proxy', async () => {
    await behindProxy({ trustProxy: ['127.0.0.1'] }, async (proxyHost) => {
      await spray(proxyHost, clientA, 'trusted-spray')
      const lockedOut = await login(proxyHost, clientA, tenant.teams[0].reps[0].email, tenant.password)
      expect(lockedOut.status).toBe(429)
      // A forged X-Forwarded-For from client A does not get it out: the proxy appends A's real address, and only
      // the addresses the trusted proxy added are believed.
      const forged = await login(proxyHost, clientA, tenant.teams[0].reps[0].email, tenant.password, {
        'x-forwarded-for': '198.51.100.7',
      })
      expect(forged.status).toBe(429)
      // Client B, behind the same proxy, is not affected.
      expect((await login(proxyHost, clientB, tenant.teams[0].reps[0].email, tenant.password)).status).toBe(200)
      const { rows } = await database.pool.query<{ ip: string }>(
        `SELECT DISTINCT ip FROM login_failures WHERE email LIKE 'trusted-spray%'`,
      )
      expect(rows).toEqual([{ ip: clientA }])
    })
  })

  test('without TRUST_PROXY every client has the proxy address, so one client locks out the other', async () => {
    await behindProxy({}, async (proxyHost) => {
      await spray(proxyHost, clientA, 'untrusted-spray')
      expect((await login(proxyHost, clientB, tenant.teams[0].reps[1].email, tenant.password)).status).toBe(429)
      const { rows } = await database.pool.query<{ ip: string }>(
        `SELECT DISTINCT ip FROM login_failures WHERE email LIKE 'untrusted-spray%'`,
      )
      expect(rows).toEqual([{ ip: '127.0.0.1' }])
    })
  })

  test('in production behind an HTTPS proxy: Secure cookies, HSTS, the client address on the session, and a same-origin https Origin passes', async () => {
    await behindProxy({ trustProxy: true, nodeEnv: 'production' }, async (proxyHost) => {
      const { email } = tenant.teams[1].reps[0]
      const response = await login(proxyHost, clientB, email, tenant.password, { origin: `https://${proxyHost}` })
      expect(response.status).toBe(200)
      const cookies = response.headers['set-cookie'] ?? []
      expect(cookies).toHaveLength(2)
      for (const line of cookies) expect(line).toMatch(/; Secure/)
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
      const { rows } = await database.pool.query<{ ip: string }>(
        `SELECT s.ip FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = $1`,
        [email],
      )
      expect(rows).toEqual([{ ip: clientB }])
    })
  })

  test('what the app believes about a request through the proxy: https, the client address, the browser host', async () => {
    const seen: { protocol: string; ip: string; host: string }[] = []
    await behindProxy(
      { trustProxy: ['127.0.0.1'] },
      async (proxyHost) => {
        await send(proxyHost, clientA, '/api/health')
        expect(seen).toEqual([{ protocol: 'https', ip: clientA, host: proxyHost }])
      },
      (app) =>
        app.addHook('onRequest', async (request) => {
          seen.push({ protocol: request.protocol, ip: request.ip, host: request.host })
        }),
    )
  })
})
