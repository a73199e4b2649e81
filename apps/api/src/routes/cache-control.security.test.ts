import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

// Issue 14 F16: an answer carrying a user's data must not be kept by the browser or a proxy (a shared computer,
// a corporate cache). Every GET in the OpenAPI document is asked as an admin; a new route is covered by itself.

let db: TestDatabase
let app: App
let admin: Session
let getPaths: string[]

beforeAll(async () => {
  db = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: db })
  admin = await loginAs(app, (await seedTenant(db.pool)).admin.email)
  const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, object> }
  getPaths = Object.entries(spec.paths)
    .filter(([, methods]) => 'get' in methods)
    .map(([path]) => path)
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

// KPI answers keep their own policy (docs/decisions/0008): `private, no-cache` with an ETag, so a browser asks
// again every time and gets a 304 when nothing changed.
const ownPolicy: Record<string, RegExp> = {
  '/api/dashboard': /^private, no-cache$/,
  '/api/kpis/{key}': /^private, no-cache$/,
}
const pathValues: Record<string, string> = { id: '1', entity: 'deals', key: KPI_KEYS[0] }

describe('Cache-Control', () => {
  test('every GET route answers no-store (unless it keeps its own documented policy)', async () => {
    expect(getPaths.length).toBeGreaterThan(15)
    const wrong: string[] = []
    for (const path of getPaths) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? '1')
      const response = await app.inject({ url, headers: admin.headers })
      const header = String(response.headers['cache-control'] ?? '(none)')
      const expected = ownPolicy[path] ?? /\bno-store\b/
      if (!expected.test(header)) wrong.push(`GET ${url} → ${response.statusCode} cache-control: ${header}`)
    }
    expect(wrong).toEqual([])
  })

  test.each([
    '/api/me',
    '/api/users',
    '/api/teams',
    '/api/deals/',
    '/api/leads/',
    '/api/customers/',
    '/api/export/deals.csv',
    '/api/export/customers.csv',
  ])('%s answers 200 with no-store', async (url) => {
    const response = await app.inject({ url, headers: admin.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['cache-control']).toMatch(/\bno-store\b/)
  })

  test('an error answer is not stored either', async () => {
    const response = await app.inject({ url: '/api/deals/999999', headers: admin.headers })
    expect(response.statusCode).toBe(404)
    expect(response.headers['cache-control']).toMatch(/\bno-store\b/)
  })
})
