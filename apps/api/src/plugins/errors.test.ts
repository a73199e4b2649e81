import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { buildApp, type App } from '../app.ts'
import { HttpError } from '../http-errors.ts'
import { testConfig, unreachableStore } from '../testing/test-app.ts'

// These answers need no data, so the store points at a closed port.
let app: App
let store: Awaited<ReturnType<typeof unreachableStore>>

beforeAll(async () => {
  store = await unreachableStore()
  app = await buildApp({ config: testConfig(), store })
  // Test-only routes: the app itself has no echo endpoint.
  await app.register(
    async (test) => {
      test.post(
        '/echo',
        {
          schema: {
            querystring: z.object({ limit: z.coerce.number().int().max(100).optional() }),
            body: z.object({
              email: z.email(),
              items: z.array(z.object({ name: z.string().min(1) })).default([]),
            }),
          },
        },
        async ({ body }) => body,
      )
      test.get('/boom', async () => {
        throw new Error('secret internals at /srv/app.ts:12')
      })
      test.get('/conflict', async () => {
        throw new HttpError('conflict', 'the target was changed by someone else', 'body.version')
      })
    },
    { prefix: '/api/test' },
  )
})

afterAll(async () => {
  await app.close()
  await store[Symbol.asyncDispose]()
})

describe('error shape', () => {
  test('an unknown /api route is a 404 in the error shape', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/no-such-thing?x=1' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/json/)
    expect(response.json()).toEqual({ error: 'not_found', message: 'route GET /api/no-such-thing?x=1 not found' })
  })

  test('a known /api path with another method is a 405 in the error shape (issue 14 F15)', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/api/health' })
    expect(response.statusCode).toBe(405)
    expect(response.json()).toMatchObject({ error: 'method_not_allowed' })
  })

  // `rule` and `params` let a client word the message in its reader's language; `input` is never echoed.
  test.each([
    {
      name: 'a malformed body field',
      payload: { email: 'not-an-email' },
      url: '/api/test/echo',
      field: 'body.email',
      rule: { rule: 'invalid_format', params: { format: 'email', origin: 'string' } },
    },
    {
      name: 'a missing body field',
      payload: {},
      url: '/api/test/echo',
      field: 'body.email',
      rule: { rule: 'invalid_type', params: { expected: 'string' } },
    },
    {
      name: 'a nested body field',
      payload: { email: 'a@b.nl', items: [{ name: 'ok' }, { name: '' }] },
      url: '/api/test/echo',
      field: 'body.items.1.name',
      rule: { rule: 'too_small', params: { minimum: 1, origin: 'string' } },
    },
    {
      name: 'a query parameter',
      payload: { email: 'a@b.nl' },
      url: '/api/test/echo?limit=500',
      field: 'query.limit',
      rule: { rule: 'too_big', params: { maximum: 100, origin: 'number' } },
    },
  ])('$name is a 400 naming $field and its rule', async ({ payload, url, field, rule }) => {
    const response = await app.inject({ method: 'POST', url, payload })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body).toEqual({ error: 'validation_failed', message: expect.any(String), field, ...rule })
    expect(body.message.length).toBeGreaterThan(0)
  })

  test('a valid request passes through', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { email: 'a@b.nl' } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ email: 'a@b.nl', items: [] })
  })

  test('a body that is not JSON is a 400 in the error shape', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({ error: 'validation_failed', message: expect.any(String), field: 'body' })
  })

  test('an unexpected error is a 500 that leaks nothing', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/boom' })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ error: 'internal_error', message: 'internal server error' })
    expect(response.body).not.toContain('secret')
    expect(response.body).not.toContain('.ts')
  })

  test('an HttpError keeps its code, status, message and field', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/test/conflict' })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({
      error: 'conflict',
      message: 'the target was changed by someone else',
      field: 'body.version',
    })
  })
})
