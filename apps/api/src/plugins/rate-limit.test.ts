import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../app.ts'
import type { RateLimits } from '../config.ts'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

// Issue 14 F16: imports, exports and writes are limited per person and per organisation (5 × a person's), and the
// count is in PostgreSQL: two API processes on one database share one allowance. Small limits keep the test short.

const limits: RateLimits = { importsPerHour: 2, exportsPerHour: 2, writesPerMinute: 2 }
let db: TestDatabase
let apps: [App, App]
let tenant: Tenant

beforeAll(async () => {
  db = await createTestDatabase()
  // Two replicas of the API on the same database.
  apps = [
    await buildApp({ config: testConfig({ rateLimits: limits }), store: db }),
    await buildApp({ config: testConfig({ rateLimits: limits }), store: db }),
  ]
  tenant = await seedTenant(db.pool)
})
afterAll(async () => {
  await Promise.all(apps.map((app) => app.close()))
  await db[Symbol.asyncDispose]()
})

const csv = 'externalId,name,stage,type,status,amount,probability,createdAt,ownerEmail\r\n'
type Send = (app: App, headers: Record<string, string>) => Promise<LightMyRequestResponse>
const kinds: [string, Send][] = [
  [
    'imports',
    (app, headers) =>
      app.inject({
        method: 'POST',
        url: '/api/import/deals?dryRun=true',
        headers: { ...headers, 'content-type': 'text/csv' },
        payload: csv,
      }),
  ],
  ['exports', (app, headers) => app.inject({ url: '/api/export/customers.csv', headers })],
  [
    'changes',
    (app, headers) =>
      app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: 'RL', segment: 'SMB' } }),
  ],
]

describe.each(kinds)('%s', (what, send) => {
  test('a person’s third within the window → 429 with Retry-After, across both replicas; reads go on', async () => {
    // Imports are for managers and admins; the rest anyone may do.
    const [person, other] =
      what === 'imports'
        ? [tenant.teams[0].manager, tenant.teams[1].manager]
        : [tenant.teams[0].reps[0], tenant.teams[0].reps[1]]
    const rep = await loginAs(apps[0], person.email)
    const first = await send(apps[0], rep.headers)
    const second = await send(apps[1], rep.headers)
    expect([first.statusCode, second.statusCode], second.body).toEqual([
      what === 'changes' ? 201 : 200,
      what === 'changes' ? 201 : 200,
    ])
    const third = await send(apps[0], rep.headers)
    expect(third.statusCode, third.body).toBe(429)
    expect(third.json()).toEqual({
      error: 'too_many_requests',
      message: expect.stringMatching(
        new RegExp(`^too many ${what} from you this (hour|minute); try again in \\d+ (s|min)$`),
      ),
    })
    const retryAfter = Number(third.headers['retry-after'])
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(what === 'changes' ? 60 : 3600)
    // Someone else is not held back by this person, and reading is not limited.
    const teammate = await loginAs(apps[1], other.email)
    expect((await send(apps[1], teammate.headers)).statusCode).toBeLessThan(300)
    expect((await apps[0].inject({ url: '/api/customers', headers: rep.headers })).statusCode).toBe(200)
  })
})

test('the organisation’s allowance is five people’s: the sixth person’s first change → 429', async () => {
  const t = await seedTenant(db.pool)
  const post = (app: App, headers: Record<string, string>, ownerId?: number) =>
    app.inject({ method: 'POST', url: '/api/customers', headers, payload: { name: 'RL', segment: 'SMB', ownerId } })
  const statuses: number[] = []
  for (const [i, person] of [t.admin, ...t.teams[0].reps, ...t.teams[1].reps].entries()) {
    const session = await loginAs(apps[i % 2]!, person.email)
    statuses.push((await post(apps[0], session.headers)).statusCode, (await post(apps[1], session.headers)).statusCode)
  }
  const manager = await loginAs(apps[0], t.teams[0].manager.email)
  const sixth = await post(apps[0], manager.headers, t.teams[0].reps[0].id)
  expect(statuses).toEqual(Array(10).fill(201))
  expect(sixth.statusCode, sixth.body).toBe(429)
  expect(sixth.json().message).toMatch(/^too many changes from your organisation this minute; try again in \d+ s$/)
})
