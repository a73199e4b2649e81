import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { ApiError, getJson, readCsrfToken, sendJson } from './http.ts'

// A real HTTP server on a random port: it echoes what it received so the test sees the actual wire format.
type Seen = { method: string; headers: Record<string, string | string[] | undefined>; body: string }
let base = ''
let last: Seen | undefined
const server = createServer((req, res) => {
  let body = ''
  req.on('data', (chunk: Buffer) => (body += chunk.toString()))
  req.on('end', () => {
    last = { method: req.method ?? '', headers: req.headers, body }
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(payload))
    }
    if (req.url === '/ok') return reply(200, { total: 3 })
    if (req.url === '/wrong-shape') return reply(200, { total: 'three' })
    if (req.url === '/invalid')
      return reply(400, { error: 'validation', message: 'Amount is required', field: 'amount' })
    if (req.url === '/fastify-default') return reply(404, { statusCode: 404, error: 'Not Found', message: 'Gone' })
    if (req.url === '/stale')
      return reply(409, { error: 'version_conflict', message: 'changed', field: 'body.version', current: { v: 2 } })
    if (req.url === '/no-content') return res.writeHead(204).end()
    if (req.url === '/form') return reply(200, { contentType: req.headers['content-type'], body })
    if (req.url === '/plain') return res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway')
    return reply(200, { echoed: body === '' ? null : JSON.parse(body) })
  })
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const Total = z.object({ total: z.number() })

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`)
  return error
}

describe('getJson', () => {
  test('returns the body parsed by the schema', async () => {
    expect(await getJson(`${base}/ok`, Total)).toEqual({ total: 3 })
    expect(last?.method).toBe('GET')
  })

  test('a 200 with the wrong shape is an ApiError naming the field', async () => {
    const error = await caught(getJson(`${base}/wrong-shape`, Total))
    expect(error).toMatchObject({ status: 200, error: 'invalid_response', field: 'total' })
  })

  test('a 4xx carries status, error, message and field from the body', async () => {
    const error = await caught(getJson(`${base}/invalid`, Total))
    expect(error).toMatchObject({ status: 400, error: 'validation', message: 'Amount is required', field: 'amount' })
  })

  test("Fastify's default error body is understood too", async () => {
    const error = await caught(getJson(`${base}/fastify-default`, Total))
    expect(error).toMatchObject({ status: 404, error: 'Not Found', message: 'Gone', field: undefined })
  })

  test("an error keeps its whole parsed body: a 409's current row travels with it", async () => {
    const error = await caught(getJson(`${base}/stale`, Total))
    expect(error).toMatchObject({ status: 409, error: 'version_conflict', field: 'body.version' })
    expect(error.body).toEqual({
      error: 'version_conflict',
      message: 'changed',
      field: 'body.version',
      current: { v: 2 },
    })
  })

  test('a non-JSON error uses the text as message', async () => {
    const error = await caught(getJson(`${base}/plain`, Total))
    expect(error).toMatchObject({ status: 502, message: 'Bad gateway' })
  })
})

describe('sendJson', () => {
  test('sends JSON with the CSRF token from the kpi_csrf cookie', async () => {
    document.cookie = 'other=1'
    document.cookie = 'kpi_csrf=tok%3Den'
    const result = await sendJson('POST', `${base}/echo`, { amount: 5 })
    expect(result).toEqual({ echoed: { amount: 5 } })
    expect(last?.method).toBe('POST')
    expect(last?.headers['content-type']).toBe('application/json')
    expect(last?.headers['x-csrf-token']).toBe('tok=en') // the cookie value is URI-decoded
  })

  test('a FormData body goes as multipart/form-data with the CSRF token, the answer is JSON', async () => {
    document.cookie = 'kpi_csrf=tok'
    const form = new FormData()
    form.append('mapping', '{"Deal ID":"externalId"}')
    const result = (await sendJson('POST', `${base}/form`, form)) as { contentType: string; body: string }
    expect(result.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(result.body).toContain('name="mapping"\r\n\r\n{"Deal ID":"externalId"}\r\n')
    expect(last?.headers['x-csrf-token']).toBe('tok')
  })

  test('a 204 resolves to undefined', async () => {
    expect(await sendJson('DELETE', `${base}/no-content`)).toBeUndefined()
    expect(last?.method).toBe('DELETE')
  })
})

describe('readCsrfToken', () => {
  test.each([
    { cookie: '', expected: undefined },
    { cookie: 'a=1; kpi_csrf=xyz; b=2', expected: 'xyz' },
    { cookie: 'not_kpi_csrf=nope', expected: undefined },
  ])('$cookie → $expected', ({ cookie, expected }) => {
    expect(readCsrfToken(cookie)).toBe(expected)
  })
})
