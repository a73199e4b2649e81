import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildApp, type App } from '../../app.ts'
import { csrfHeaders } from '../../testing/login-as.ts'
import { testConfig } from '../../testing/test-app.ts'
import { setupBody } from './setup-test-kit.ts'

let db: TestDatabase
let app: App

// One empty database for the refusals: none of them may create anything, so each sees it still empty.
beforeAll(async () => {
  db = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: db })
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

const post = (payload: unknown, headers: Record<string, string> = csrfHeaders()) =>
  app.inject({
    method: 'POST',
    url: '/api/setup',
    headers: { ...headers, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  })

type Body = ReturnType<typeof setupBody>
const withOrg = (change: Partial<Body['organization']>) => {
  const body = setupBody()
  return { ...body, organization: { ...body.organization, ...change } }
}
const withAdmin = (change: Partial<Body['admin']> & { locale?: string }) => {
  const body = setupBody()
  return { ...body, admin: { ...body.admin, ...change } }
}

describe('POST /api/setup refuses', () => {
  test.each([
    {
      why: 'an unknown time zone',
      body: withOrg({ timeZone: 'Mars/Olympus_Mons' }),
      field: 'body.organization.timeZone',
    },
    { why: 'a currency in lower case', body: withOrg({ currency: 'eur' }), field: 'body.organization.currency' },
    { why: 'a made-up currency', body: withOrg({ currency: 'XYZ' }), field: 'body.organization.currency' },
    { why: 'month 13', body: withOrg({ fiscalYearStartMonth: 13 }), field: 'body.organization.fiscalYearStartMonth' },
    { why: 'month 0', body: withOrg({ fiscalYearStartMonth: 0 }), field: 'body.organization.fiscalYearStartMonth' },
    { why: 'a blank organisation name', body: withOrg({ name: '   ' }), field: 'body.organization.name' },
    { why: 'a 7-character password', body: withAdmin({ password: '1234567' }), field: 'body.admin.password' },
    { why: 'an email without @', body: withAdmin({ email: 'ada.acme.test' }), field: 'body.admin.email' },
    { why: 'a blank admin name', body: withAdmin({ name: '' }), field: 'body.admin.name' },
    { why: 'an unknown property', body: { ...setupBody(), role: 'admin' }, field: 'body' },
    { why: 'a language without e-mails', body: withAdmin({ locale: 'de' }), field: 'body.admin.locale' },
  ])('$why: 400 naming $field', async ({ body, field }) => {
    const response = await post(body)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
    expect((await db.pool.query('SELECT 1 FROM organizations')).rows).toEqual([])
  })

  test('without the CSRF header: 403, nothing created', async () => {
    const response = await post(setupBody(), { cookie: 'kpi_csrf=abc' })
    expect(response.statusCode).toBe(403)
    expect((await db.pool.query('SELECT 1 FROM organizations')).rows).toEqual([])
  })
})

describe('once set up', () => {
  test('POST /api/setup answers 409 and changes nothing; GET says not needed', async () => {
    await using other = await createTestDatabase()
    await using app2 = await buildApp({ config: testConfig(), store: other })
    const first = await app2.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { ...csrfHeaders(), 'content-type': 'application/json' },
      payload: JSON.stringify(setupBody()),
    })
    expect(first.statusCode).toBe(201)
    const again = await app2.inject({
      method: 'POST',
      url: '/api/setup',
      headers: { ...csrfHeaders(), 'content-type': 'application/json' },
      payload: JSON.stringify(setupBody('Takeover Inc')),
    })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({
      error: 'conflict',
      message:
        'this installation is already set up: sign in instead (an operator adds organisations with pnpm setup:org)',
    })
    expect((await other.pool.query('SELECT name FROM organizations')).rows).toEqual([{ name: 'Acme Sales' }])
    expect((await app2.inject({ url: '/api/setup' })).json()).toEqual({ needed: false })
  })
})
