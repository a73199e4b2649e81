import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { testConfig, unreachableStore } from '../testing/test-app.ts'

let app: App
let store: Awaited<ReturnType<typeof unreachableStore>>

beforeAll(async () => {
  store = await unreachableStore()
  app = await buildApp({ config: testConfig(), store })
})

afterAll(async () => {
  await app.close()
  await store[Symbol.asyncDispose]()
})

test('the OpenAPI document describes the routes from their zod schemas', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' })
  expect(response.statusCode).toBe(200)
  const spec = response.json()
  expect(spec.openapi).toBe('3.1.0')
  const health = spec.paths['/api/health'].get
  expect(Object.keys(health.responses).sort()).toEqual(['200', '503', 'default'])
  expect(health.responses['200'].content['application/json'].schema).toMatchObject({
    type: 'object',
    properties: { status: { enum: ['ok'] }, db: { enum: ['up'] } },
  })
  // Every operation documents the one error shape.
  expect(health.responses.default.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' })
  expect(spec.components.schemas.Error).toMatchObject({
    type: 'object',
    properties: { error: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
    required: ['error', 'message'],
  })
  // Internal routes stay out of the document.
  expect(spec.paths['/api/openapi.json']).toBeUndefined()
})

test('the docs page is served, with its assets, from the package (no CDN)', async () => {
  const page = await app.inject({ method: 'GET', url: '/api/docs' })
  expect(page.statusCode).toBe(200)
  expect(page.headers['content-type']).toMatch(/^text\/html/)
  expect(page.body).not.toMatch(/https?:\/\/(?!localhost)[^"']*\.js/)
  const script = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' })
  expect(script.statusCode).toBe(200)
})
