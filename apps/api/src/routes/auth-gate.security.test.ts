import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import { csrfHeaders } from '../testing/login-as.ts'
import { testConfig } from '../testing/test-app.ts'

// Deny by default, for every route that exists now or is added later: the OpenAPI document lists every /api
// route, and each must answer an anonymous request with 401 and the error shape — before validation, before any
// handler. The public ones are named here, so making a route public is a visible, reviewed change.

const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  // First-run setup: answers whether it is needed, and creates the first organisation only on an empty database.
  'GET /api/setup',
  'POST /api/setup',
  // Invitations: the token in the body is the credential (an invitee has no account yet).
  'POST /api/invitations/preview',
  'POST /api/invitations/accept',
  // Password reset: the same answer for every email; the token in the body is the credential.
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
])
// Single sign-on: how one may sign in, and the redirect flow a signed-out browser goes through (decision 23).
for (const route of ['GET /api/auth/methods', 'GET /api/auth/oidc/start', 'GET /api/auth/oidc/callback'])
  PUBLIC.add(route)

let database: TestDatabase
let app: App

beforeAll(async () => {
  database = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: database })
  await app.ready()
})

afterAll(async () => {
  await app?.close()
  await database?.[Symbol.asyncDispose]()
})

function apiRoutes(): { method: string; path: string }[] {
  const document = app.swagger() as { paths: Record<string, Record<string, unknown>> }
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({ method: method.toUpperCase(), path })),
  )
}

test('the OpenAPI document lists the auth, users and teams routes (so the sweep below sees real routes)', () => {
  const listed = apiRoutes().map(({ method, path }) => `${method} ${path}`)
  expect(listed).toEqual(
    expect.arrayContaining(['POST /api/auth/login', 'GET /api/users', 'PATCH /api/users/{id}', 'POST /api/teams']),
  )
})

test('every non-public /api route answers an anonymous request with 401 and no data', async () => {
  const refused: string[] = []
  let checked = 0
  for (const { method, path } of apiRoutes()) {
    if (PUBLIC.has(`${method} ${path}`) || !path.startsWith('/api/')) continue
    // Any id will do: the gate answers before the route looks anything up. An empty, invalid body proves the
    // gate runs before validation (a 400 here would mean an anonymous client reached the schema).
    checked += 1
    const url = path.replace(/\{[^}]+\}/g, '1')
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: csrfHeaders(),
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    })
    if (response.statusCode !== 401) refused.push(`${method} ${url} → ${response.statusCode}`)
    else expect(response.json()).toEqual({ error: 'unauthorized', message: 'sign in first' })
  }
  expect(refused).toEqual([])
  expect(checked).toBeGreaterThan(10)
})
