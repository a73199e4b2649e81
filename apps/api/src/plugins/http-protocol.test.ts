import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { App } from '../app.ts'
import { recordTestKit } from '../records/record-test-kit.ts'
import { csrfHeaders, type Session } from '../testing/login-as.ts'

// Issue 14 F15: what HTTP itself can get wrong — a request line or headers Node cannot parse, a JSON body with a
// `__proto__` key, a parameter given twice, a known path with the wrong method — is answered in our error
// shape ({ error, message, field? }) with our security headers, and says what is wrong.

let kit: Awaited<ReturnType<typeof recordTestKit>>
let app: App
let admin: Session
let port: number

beforeAll(async () => {
  kit = await recordTestKit()
  app = kit.app
  admin = await kit.as(kit.tenant.admin.email)
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as { port: number }).port
})
afterAll(async () => {
  await kit[Symbol.asyncDispose]()
})

/** Sends raw bytes on a real socket and returns what came back before the server closed it. */
function raw(request: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk) => (received += chunk))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n')
      const [statusLine = '', ...lines] = head.split('\r\n')
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      )
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body })
    })
    socket.write(request)
  })
}

describe('errors Node answers before Fastify routes anything', () => {
  test.each([
    ['a request line that is not HTTP → 400', 'HELLO\r\n\r\n', 400, 'bad_request'],
    [
      'headers over 16 KB → 431',
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
  ])('%s, in our shape with the security headers', async (_, request, status, error) => {
    const response = await raw(request)
    expect(response.status).toBe(status)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['cache-control']).toBe('no-store')
    const body = JSON.parse(response.body)
    expect(body).toEqual({ error, message: expect.any(String) })
    expect(body.message).not.toMatch(/^Client Error$/)
  })

  test('a request that times out → 408 in our shape', async () => {
    // Node raises this once requestTimeout passes, but checks only every 30 s — too slow for a test: hand the
    // same error to the server's handler, on the server's side of a real connection.
    const accepted = new Promise<Socket>((resolve) => app.server.once('connection', resolve))
    const socket = connect(port, '127.0.0.1')
    const received = new Promise<string>((resolve) => {
      let text = ''
      socket.setEncoding('latin1')
      socket.on('data', (chunk) => (text += chunk))
      socket.on('close', () => resolve(text))
    })
    socket.write('GET /api/health HTTP/1.1\r\nHost: x\r\n')
    const timeout = Object.assign(new Error('request timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT' })
    app.server.emit('clientError', timeout, await accepted)
    const text = await received
    expect(text).toMatch(/^HTTP\/1\.1 408 /)
    expect(text).toMatch(/\r\nx-content-type-options: nosniff\r\n/i)
    expect(JSON.parse(text.split('\r\n\r\n')[1]!)).toEqual({ error: 'request_timeout', message: expect.any(String) })
  })
})

describe('requests Fastify parses', () => {
  const post = (payload: string) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { ...csrfHeaders(), 'content-type': 'application/json' },
      payload,
    })

  test('a JSON body with a __proto__ key is refused as such, naming where it is', async () => {
    const response = await post('{"email":"a@b.c","password":"x","nested":{"__proto__":{"admin":true}}}')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      error: 'validation_failed',
      message: 'the key "__proto__" is not allowed in JSON bodies',
      field: 'body.nested.__proto__',
    })
  })

  test('JSON that is not JSON says where it breaks', async () => {
    const response = await post('{"email": "a@b.c",')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field: 'body' })
    expect(response.json().message).toMatch(/^the body is not valid JSON: /)
  })

  test('a query parameter given twice → 400 naming it, not "received NaN"', async () => {
    const response = await app.inject({ url: '/api/deals?pageSize=10&pageSize=20', headers: admin.headers })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      error: 'validation_failed',
      message: 'pageSize is given 2 times; give it once',
      field: 'query.pageSize',
    })
  })

  test.each([
    ['PUT', '/api/deals', 'GET, HEAD, POST'],
    ['POST', '/api/deals/5', 'DELETE, GET, HEAD, PATCH'],
    ['DELETE', '/api/health', 'GET, HEAD'],
  ])('%s %s, a path that exists with other methods → 405 with Allow: %s', async (method, url, allow) => {
    const response = await app.inject({ method: method as 'PUT', url, headers: admin.headers })
    expect(response.statusCode).toBe(405)
    expect(response.headers['allow']).toBe(allow)
    expect(response.json()).toEqual({
      error: 'method_not_allowed',
      message: `${method} is not allowed on ${url}; use ${allow}`,
    })
  })

  test('a path that does not exist is still 404', async () => {
    const response = await app.inject({ method: 'PUT', url: '/api/no-such-thing' })
    expect(response.statusCode).toBe(404)
  })
})
