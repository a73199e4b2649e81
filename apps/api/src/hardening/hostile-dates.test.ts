import { PERIOD_TYPES } from '@kpi/domain/periods'
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { buildApp, type App } from '../app.ts'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

// Issue 14 F7: dates at and past the edges of years 1000–9999 (date.schema.ts) on every route that takes one,
// found by name in /api/openapi.json: a 400 naming the field, never a 500, never a silent shift to another year.

let db: TestDatabase
let app: App
let tenant: Tenant
let admin: Session
type Parameter = { in: string; name: string; schema?: { enum?: string[] } }
type Operation = {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
}
let paths: Record<string, Record<string, Operation>>

beforeAll(async () => {
  db = await createTestDatabase()
  app = await buildApp({ config: testConfig(), store: db })
  tenant = await seedTenant(db.pool)
  admin = await loginAs(app, tenant.admin.email)
  paths = ((await app.inject({ url: '/api/openapi.json' })).json() as { paths: typeof paths }).paths
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

// Refused everywhere: year 0, years 0–99 (Date.UTC read them as 1900–1999), before 1000, five-digit years.
const refused = ['0000-01-01', '0001-01-01', '0050-06-15', '0999-12-31', '10000-01-01']
// Instants also by their UTC value: this one is 10000-01-01T13:59:59Z, which no export can write back.
const refusedInstants = [...refused, '9999-12-31T23:59:59-14:00', '0999-12-31T00:00:00Z']
// A date naming a period: the period, its comparisons and copies must stay in years 1000–9999.
const refusedPeriodDates = [...refused, '9900-01-01', '9999-12-31']

async function send(request: InjectOptions) {
  const response = await app.inject({ ...request, headers: admin.headers })
  const body = response.headers['content-type']?.startsWith('application/json') ? response.json() : {}
  return { status: response.statusCode, field: (body as { field?: string }).field, text: response.body.slice(0, 160) }
}

function fill(path: string): string {
  return path
    .replace('{kpiKey}', 'revenue.won')
    .replace('{key}', 'revenue.won')
    .replace(/\{[^}]+\}/g, '1')
}

describe('dates at the edges', () => {
  test('query dates on every route → 400 naming the param; the edges themselves are answered', async () => {
    const wrong: string[] = []
    let probed = 0
    for (const [path, methods] of Object.entries(paths)) {
      const operation = methods['get']
      if (!operation) continue
      for (const p of (operation.parameters ?? []).filter((p) => p.in === 'query' && /^(date|from|to)$/.test(p.name))) {
        const periodDate = p.name === 'date'
        const bad = periodDate ? refusedPeriodDates : refusedInstants
        for (const value of bad) {
          probed++
          const answer = await send({ url: `${fill(path)}?${p.name}=${encodeURIComponent(value)}` })
          if (answer.status !== 400 || answer.field !== `query.${p.name}`)
            wrong.push(`${path}?${p.name}=${value} → ${answer.status} ${answer.text}`)
        }
        // The last accepted dates work for every period type (no RangeError in the period arithmetic).
        const periods = operation.parameters?.some((q) => q.name === 'period') ? PERIOD_TYPES : [undefined]
        const good = periodDate ? ['1000-01-01', '9899-12-31'] : ['1000-01-01', '9999-12-31']
        for (const value of good)
          for (const period of periods) {
            probed++
            const url = `${fill(path)}?${p.name}=${value}${period ? `&period=${period}` : ''}`
            const answer = await send({ url })
            if (answer.status !== 200) wrong.push(`${url} → ${answer.status} ${answer.text}`)
          }
      }
    }
    expect(probed).toBeGreaterThanOrEqual(100)
    expect(wrong).toEqual([])
  })

  test('body dates (record PATCH, holidays, targets, copy-forward) → 400 naming the field', async () => {
    const wrong: string[] = []
    let probed = 0
    const probe = async (method: 'PATCH' | 'PUT' | 'POST', url: string, payload: object, field: string) => {
      probed++
      const answer = await send({ method, url, payload })
      if (answer.status !== 400 || answer.field !== field)
        wrong.push(`${method} ${url} ${JSON.stringify(payload)} → ${answer.status} ${answer.text}`)
    }
    // Every record field that is a date or an instant, found by name; a PATCH needs nothing else but a version.
    for (const [path, methods] of Object.entries(paths)) {
      const properties = methods['patch']?.requestBody?.content?.['application/json']?.schema?.properties ?? {}
      for (const name of Object.keys(properties).filter((n) => /At$|^month$/.test(n)))
        for (const value of name === 'month' ? refused.map((d) => `${d.slice(0, -2)}01`) : refusedInstants)
          await probe('PATCH', fill(path), { version: 1, [name]: value }, `body.${name}`)
    }
    for (const date of refused)
      await probe(
        'PUT',
        '/api/settings/holidays',
        { holidays: [{ date, name: 'x' }], version: 1 },
        'body.holidays.0.date',
      )
    for (const periodStart of refusedPeriodDates.map((d) => `${d.slice(0, 8)}01`)) {
      const target = { kpiKey: 'revenue.won', scope: 'org', periodType: 'month', periodStart, value: 1 }
      await probe('PUT', '/api/targets', { targets: [target] }, 'body.targets.0.periodStart')
      const copy = { scopes: ['org'], periodType: 'month', periodStart, count: 1 }
      await probe('POST', '/api/targets/copy-forward', copy, 'body.periodStart')
    }
    expect(probed).toBeGreaterThanOrEqual(60)
    expect(wrong).toEqual([])
  })

  test('a year-50 date is refused, never stored as 1950; the edges round-trip through export and import', async () => {
    const userId = tenant.teams[0].reps[0].id
    const create = (occurredAt: string, notes: string) =>
      send({ method: 'POST', url: '/api/activities/', payload: { type: 'CALL', userId, occurredAt, notes } })
    expect(await create('0050-06-15', 'year 50')).toMatchObject({ status: 400, field: 'body.occurredAt' })
    expect(await create('0050-06-15T10:00:00Z', 'year 50')).toMatchObject({ status: 400, field: 'body.occurredAt' })
    for (const edge of ['1000-01-01', '1000-01-01T00:00:00+14:00', '9999-12-31', '9999-12-31T23:59:59.999Z'])
      expect(await create(edge, `edge ${edge}`), edge).toMatchObject({ status: 201 })
    const { rows } = await db.pool.query<{ year: number }>(
      `SELECT extract(year FROM occurred_at AT TIME ZONE 'UTC')::int AS year FROM activities WHERE notes LIKE 'year 50%'`,
    )
    expect(rows).toEqual([])

    const exported = await app.inject({ url: '/api/export/activities.csv', headers: admin.headers })
    expect(exported.statusCode).toBe(200)
    const reimported = await app.inject({
      method: 'POST',
      url: '/api/import/activities?dryRun=true',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: exported.body,
    })
    expect(reimported.json(), reimported.body.slice(0, 400)).toMatchObject({ errorCount: 0 })
  })

  test('CSV cells: a year-50 instant and a target period past 9899 → row errors naming the column', async () => {
    const upload = async (entity: string, csv: string) =>
      (
        await app.inject({
          method: 'POST',
          url: `/api/import/${entity}?dryRun=true`,
          headers: { ...admin.headers, 'content-type': 'text/csv' },
          payload: csv,
        })
      ).json() as { errors: { row: number; column: string }[] }
    const email = tenant.teams[0].reps[0].email
    const activities = await upload('activities', `type,userEmail,occurredAt\r\nCALL,${email},0050-06-15\r\n`)
    expect(activities.errors).toMatchObject([{ row: 2, column: 'occurredAt' }])
    const targets = await upload(
      'targets',
      'kpiKey,scope,periodType,periodStart,value\r\nrevenue.won,org,MONTH,9999-12-01,1\r\nrevenue.won,org,YEAR,0000-01-01,1\r\n',
    )
    expect(targets.errors).toMatchObject([
      { row: 2, column: 'periodStart' },
      { row: 3, column: 'periodStart' },
    ])
  })
})
