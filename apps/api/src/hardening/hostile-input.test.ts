import { IMPORT_ENTITIES } from '@kpi/contract/import'
import fc from 'fast-check'
import { KPI_KEYS } from '@kpi/domain/kpis/keys'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { buildApp, type App } from '../app.ts'
import { DECIMAL_ID } from '@kpi/contract/id'
import { loginAs, type Session } from '../testing/login-as.ts'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { freePort, testConfig } from '../testing/test-app.ts'
import { hostileBody, hostileCsv, hostilePathSegment, hostileQuery, hostileValue } from './hostile-values.ts'
import { rowCounts } from './row-counts.ts'

// Issue "Hardening" 4: every route in /api/openapi.json gets fast-check-generated bodies, queries and path
// params with an admin session (cookie + CSRF). Whatever arrives: never a 5xx, always { error, message, field? },
// and a validation failure names the field. Tables only change when some request was answered 2xx.
// Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> pnpm vitest run --project api hostile-input

const seed = Number(process.env['FUZZ_SEED'] ?? 20_261_125)
const runsPerRoute = Number(process.env['FUZZ_RUNS'] ?? 20)

// Logging out would end the session the sweep runs under; everything else is fair game.
const skipped = new Set(['POST /api/auth/logout'])

type Operation = {
  method: string
  path: string
  pathParams: string[]
  queryParams: string[]
  bodyProperties: string[] | undefined
}

let db: TestDatabase
let app: App
let tenant: Tenant
let admin: Session
let operations: Operation[]

beforeAll(async () => {
  db = await createTestDatabase()
  // Single sign-on on (its provider down), so the OIDC routes handle what arrives instead of answering 404.
  const oidc = { issuer: `http://127.0.0.1:${await freePort()}`, clientId: 'kpi', clientSecret: 's', name: 'SSO' }
  app = await buildApp({ config: testConfig({ oidc: { ...oidc, autoCreate: 'off' } }), store: db })
  tenant = await seedTenant(db.pool)
  admin = await loginAs(app, tenant.admin.email)
  operations = listOperations((await app.inject({ url: '/api/openapi.json' })).json())
})
afterAll(async () => {
  await app?.close()
  await db?.[Symbol.asyncDispose]()
})

type OpenApiOperation = {
  parameters?: { in: string; name: string }[]
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
}

function listOperations(spec: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const found: Operation[] = []
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? []
      const json = operation.requestBody?.content?.['application/json']
      found.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        bodyProperties: json ? Object.keys(json.schema?.properties ?? {}) : undefined,
      })
    }
  }
  return found
}

/** The checks every answer must pass, whatever was sent. */
function expectSafeAnswer(response: LightMyRequestResponse, sent: string): void {
  const context = `${sent} → ${response.statusCode} ${response.body.slice(0, 300)}`
  expect(response.statusCode, context).toBeLessThan(500)
  if (response.statusCode < 400) return
  expect(response.headers['content-type'], context).toMatch(/^application\/json/)
  const body = response.json() as { error?: unknown; message?: unknown; field?: unknown }
  expect(typeof body.error, context).toBe('string')
  expect(typeof body.message, context).toBe('string')
  if (body.error === 'validation_failed') expect(body.field, context).toMatch(/^(body|query|params|headers)(\.|$)/)
  expect(response.body, context).not.toMatch(/\bat .+\.ts:\d+/) // no stack traces
}

type Parameter = { in: string; name: string; schema?: unknown }
type Spec = { paths: Record<string, Record<string, { parameters?: Parameter[] }>> }
const isId = (name: string) => name === 'id' || /[a-z]Id$/.test(name)

/**
 * Every operation of the OpenAPI document but the skipped ones, with `urlWith(name, value)`: its path with `name`
 * set to `value` and every other path param valid (a KPI key, else 1), so that param is the only thing wrong.
 */
function* operationsOf(spec: Spec) {
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (skipped.has(`${method.toUpperCase()} ${path}`)) continue
      const parameters = operation.parameters ?? []
      const urlWith = (name?: string, value?: string) =>
        parameters
          .filter((p) => p.in === 'path')
          .reduce(
            (url, p) => url.replace(`{${p.name}}`, p.name === name ? value! : p.name === 'kpiKey' ? KPI_KEYS[0] : '1'),
            path,
          )
      yield { method: method.toUpperCase() as 'GET', parameters, urlWith }
    }
  }
}

describe('hostile input on every route', () => {
  test('the OpenAPI document lists the routes the sweep covers', () => {
    // 71 operations when this was written; a drop would mean the sweep silently lost routes.
    expect(operations.length).toBeGreaterThanOrEqual(60)
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('POST /api/activities/')
  })

  test('generated bodies, queries and path params: < 500, error shape, no write without a 2xx', async () => {
    for (const operation of operations) {
      const label = `${operation.method} ${operation.path}`
      if (skipped.has(label)) continue
      const before = await rowCounts(db.pool)
      let succeeded = false

      const pathArb = fc.tuple(...operation.pathParams.map(() => hostilePathSegment))
      const queryArb = hostileQuery(operation.queryParams.length > 0 ? operation.queryParams : ['q'])
      const bodyArb: fc.Arbitrary<{ type: string; payload: string } | undefined> =
        operation.bodyProperties !== undefined
          ? hostileBody(operation.bodyProperties).map((b) => ({ type: 'application/json', payload: JSON.stringify(b) }))
          : label.startsWith('POST /api/import/')
            ? hostileCsv.map((csv) => ({ type: 'text/csv', payload: csv }))
            : fc.constant(undefined)

      await fc.assert(
        fc.asyncProperty(pathArb, queryArb, bodyArb, async (segments, query, body) => {
          let url = operation.path
          operation.pathParams.forEach((name, i) => (url = url.replace(`{${name}}`, segments[i]!)))
          if (query !== '') url += `?${query}`
          const request: InjectOptions = {
            method: operation.method as InjectOptions['method'],
            url,
            headers: body ? { ...admin.headers, 'content-type': body.type } : admin.headers,
          }
          if (body) request.payload = body.payload
          const response = await app.inject(request)
          if (response.statusCode < 300) succeeded = true
          expectSafeAnswer(response, `${operation.method} ${url.slice(0, 200)} ${body?.payload.slice(0, 200) ?? ''}`)
        }),
        { seed, numRuns: runsPerRoute, endOnFailure: true },
      )

      if (!succeeded && operation.method !== 'GET') {
        // Nothing was accepted, so nothing may have been written (login_failures and sessions record attempts).
        expect(await rowCounts(db.pool), `${label} wrote rows without a 2xx`).toEqual(before)
      }
    }
    // The sweep ran under one session throughout: it must still be valid (nothing logged the admin out).
    expect((await app.inject({ url: '/api/me', headers: admin.headers })).statusCode).toBe(200)
  })

  test('a valid body with one field made hostile: < 500, and a row only when the answer is 201', async () => {
    // Random bodies mostly stop at the first missing field; these reach the handlers and the database.
    const rep = tenant.teams[0].reps[0]
    const valid: Record<string, Record<string, unknown>> = {
      '/api/activities/': { type: 'CALL', userId: rep.id, occurredAt: '2026-01-05T10:00:00Z', notes: 'fuzz' },
      '/api/customers/': { name: 'Fuzz customer', segment: 'SMB', ownerId: rep.id, acquiredAt: '2026-01-05T10:00:00Z' },
      '/api/invitations': { email: 'fuzz@example.test', name: 'Fuzz', role: 'rep', teamId: tenant.teams[0].id },
      '/api/products': { name: 'Fuzz product', category: 'Fuzz', listPrice: '10.00', aliases: ['Fuzz alias'] },
      '/api/regions': { name: 'Fuzz region', managerId: tenant.teams[0].manager.id },
      // format, locale, scope (a team of this organisation) and digest schedule: each made hostile in turn.
      '/api/webhooks': {
        url: 'https://hooks.example.test/fuzz',
        active: false,
        format: 'teams',
        locale: 'nl',
        scope: `team:${tenant.teams[0].id}`,
        digest: { frequency: 'daily', weekday: 2, hour: 7 },
      },
    }
    for (const [url, body] of Object.entries(valid)) {
      // The unchanged body is accepted: the property below starts from a request that reaches the database.
      const accepted = await app.inject({ method: 'POST', url, headers: admin.headers, payload: body })
      expect(accepted.statusCode, accepted.body).toBe(201)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...Object.keys(body)), hostileValue, async (field, value) => {
          const before = await rowCounts(db.pool)
          const payload = JSON.stringify({ ...body, [field]: value })
          const response = await app.inject({
            method: 'POST',
            url,
            headers: { ...admin.headers, 'content-type': 'application/json' },
            payload,
          })
          expectSafeAnswer(response, `POST ${url} ${payload.slice(0, 200)}`)
          if (response.statusCode !== 201) expect(await rowCounts(db.pool), payload.slice(0, 200)).toEqual(before)
        }),
        { seed, numRuns: runsPerRoute * 2, endOnFailure: true },
      )
    }
  })

  test('a hostile gaugeStyle (PATCH /api/me, /api/settings) → 4xx naming it, and the stored choice stays', async () => {
    const read = async () => (await app.inject({ url: '/api/me', headers: admin.headers })).json() as object
    const before = await read()
    await fc.assert(
      fc.asyncProperty(hostileValue, fc.constantFrom('/api/me', '/api/settings'), async (value, url) => {
        if (value === null || value === 'gauge' || value === 'bullet') return // valid values, tested elsewhere
        const payload = JSON.stringify({ gaugeStyle: value, ...(url === '/api/settings' ? { version: 1 } : {}) })
        const response = await app.inject({
          method: 'PATCH',
          url,
          headers: { ...admin.headers, 'content-type': 'application/json' },
          payload,
        })
        expectSafeAnswer(response, `PATCH ${url} ${payload.slice(0, 200)}`)
        expect(response.statusCode, payload.slice(0, 200)).toBe(400)
      }),
      { seed, numRuns: runsPerRoute, endOnFailure: true },
    )
    expect(await read()).toEqual(before)
  })

  test('one past the int4 range (2147483648) in every path param, query param and body field → 4xx', async () => {
    // PostgreSQL ids and versions are int4: a value the validator lets through but the database cannot hold is
    // a 500 ("value out of range for type integer"). One deterministic request per route and input.
    const big = 2_147_483_648
    const failures: string[] = []
    for (const operation of operations) {
      const label = `${operation.method} ${operation.path}`
      if (skipped.has(label)) continue
      const inputs: { url: string; payload?: string }[] = []
      const base = operation.pathParams.reduce((url, name) => url.replace(`{${name}}`, '1'), operation.path)
      for (const name of operation.pathParams) {
        inputs.push({
          url: operation.pathParams.reduce(
            (url, n) => url.replace(`{${n}}`, n === name ? String(big) : '1'),
            operation.path,
          ),
        })
      }
      for (const name of operation.queryParams) inputs.push({ url: `${base}?${name}=${big}` })
      for (const name of operation.bodyProperties ?? [])
        inputs.push({ url: base, payload: JSON.stringify({ [name]: big }) })
      for (const input of inputs) {
        const request: InjectOptions = { method: operation.method as InjectOptions['method'], url: input.url }
        request.headers = input.payload ? { ...admin.headers, 'content-type': 'application/json' } : admin.headers
        if (input.payload) request.payload = input.payload
        const response = await app.inject(request)
        if (response.statusCode >= 500)
          failures.push(`${operation.method} ${input.url} ${input.payload ?? ''} → ${response.statusCode}`)
      }
    }
    expect(failures).toEqual([])
    // F8: a lone `version` above stops at another field first, so every version must come from id.schema.ts: in a
    // body it publishes the int4 bound, in a query it is the shared decimal param (which pipes into that bound).
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> }
    const unbounded: string[] = []
    let versions = 0
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      const inBody = (record['properties'] as Record<string, unknown> | undefined)?.['version']
      const schema = record['in'] === 'query' && record['name'] === 'version' ? record['schema'] : inBody
      if (schema !== undefined && (schema !== inBody || where.includes('requestBody'))) {
        versions++
        const shared = (schema as { pattern?: string }).pattern === DECIMAL_ID.source
        if (!shared && !JSON.stringify(schema).includes(`"maximum":${big - 1}`)) unbounded.push(where)
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${where}.${key}`)
    }
    walk(spec.paths, 'paths')
    expect(versions).toBeGreaterThanOrEqual(15)
    expect(unbounded).toEqual([])
  })

  test('F8: version 2147483648 in an otherwise valid write → 400 naming body.version (or query.version)', async () => {
    const big = 2_147_483_648
    const writes: { method: 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: Record<string, unknown> }[] = [
      { method: 'PATCH', url: '/api/settings', payload: { leaderboardEnabled: true, version: big } },
      { method: 'PUT', url: '/api/settings/holidays', payload: { holidays: [], version: big } },
      {
        method: 'PUT',
        url: `/api/thresholds/${KPI_KEYS[0]}`,
        payload: { mode: 'relative', greenFrom: 100, orangeFrom: 80, version: big },
      },
      { method: 'PATCH', url: '/api/webhooks/1', payload: { active: false, version: big } },
      { method: 'DELETE', url: `/api/webhooks/1?version=${big}` },
      { method: 'DELETE', url: `/api/thresholds/${KPI_KEYS[0]}/teams/1?version=${big}` },
      { method: 'DELETE', url: `/api/thresholds/${KPI_KEYS[0]}/regions/1?version=${big}` },
      { method: 'PATCH', url: '/api/regions/1', payload: { name: 'Fuzz', version: big } },
      { method: 'DELETE', url: `/api/regions/1?version=${big}` },
      { method: 'DELETE', url: `/api/targets/1?version=${big}` },
      { method: 'DELETE', url: `/api/deals/1?version=${big}` },
    ]
    const wrong: string[] = []
    for (const { method, url, payload } of writes) {
      const response = await app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) })
      const field = payload ? 'body.version' : 'query.version'
      if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== field)
        wrong.push(`${method} ${url} → ${response.statusCode} ${response.body.slice(0, 160)}`)
    }
    expect(wrong).toEqual([])
  })

  test('an id of 2^31 in a path or query param → 400 naming it; every id in a body is capped at int4', async () => {
    // One shared Id schema (id.schema.ts) bounds every int4 id; this finds any id param or field that bypasses
    // it. Notification ids are bigint (a string param with a pattern), so only integer-typed ids are probed.
    const big = 2_147_483_648
    const isInteger = (schema: unknown) => /"type":"(integer|number)"/.test(JSON.stringify(schema ?? {}))
    // Path and query ids are strings of plain decimal in the document (id.schema.ts); bigint ids have their own.
    const isIntParam = (schema: unknown) =>
      isInteger(schema) || (schema as { pattern?: string } | undefined)?.pattern === DECIMAL_ID.source
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as Spec
    const wrong: string[] = []
    let probed = 0
    for (const { method, parameters, urlWith } of operationsOf(spec)) {
      for (const parameter of parameters.filter((p) => isId(p.name) && isIntParam(p.schema))) {
        probed++
        const inPath = parameter.in === 'path'
        const url = inPath ? urlWith(parameter.name, String(big)) : `${urlWith()}?${parameter.name}=${big}`
        const response = await app.inject({ method, url, headers: admin.headers })
        const field = `${inPath ? 'params' : 'query'}.${parameter.name}`
        if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== field)
          wrong.push(`${method} ${url} → ${response.statusCode} ${response.body.slice(0, 120)}`)
      }
    }
    // Body ids: the published schema carries the bound (a request per field could stop at another field first).
    const uncapped: string[] = []
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${where}.${i}`))
      if (typeof node !== 'object' || node === null) return
      const record = node as Record<string, unknown>
      for (const [name, child] of Object.entries((record['properties'] ?? {}) as Record<string, unknown>)) {
        if (!isId(name) || !where.includes('requestBody') || !isInteger(child)) continue
        probed++
        if (!JSON.stringify(child).includes(`"maximum":${big - 1}`)) uncapped.push(`${where} ${name}`)
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${where}.${key}`)
    }
    walk(spec.paths, 'paths')
    // Scope strings carry ids too ('team:<id>'): every route with a scope query param refuses one past int4.
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!(operation.parameters ?? []).some((p) => p.in === 'query' && p.name === 'scope')) continue
        for (const type of ['team', 'rep', 'customer']) {
          probed++
          const url = `${path.replace(/\{kpiKey\}|\{key\}/, KPI_KEYS[0]).replace(/\{[^}]+\}/g, '1')}?scope=${type}:${big}`
          const response = await app.inject({ method: method.toUpperCase() as 'GET', url, headers: admin.headers })
          if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== 'query.scope')
            wrong.push(`${method.toUpperCase()} ${url} → ${response.statusCode} ${response.body.slice(0, 120)}`)
        }
      }
    }
    expect(probed).toBeGreaterThanOrEqual(20)
    expect(wrong).toEqual([])
    expect(uncapped).toEqual([])
  })

  test('F16: an id spelt other than plain decimal (1e3, 0x10, +5, " 5", 5.0, 05) → 400 naming the param', async () => {
    // Number('1e3') is 1000 and Number('0x10') is 16: coercion let other spellings name a record. Leading zeros
    // are refused too (id.schema.ts says why). Every int4 id param in the document, path and query, plus scopes.
    const spellings = ['1e3', '0x10', '+5', ' 5', '5.0', '05', '5 ', '٥']
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as Spec
    const wrong: string[] = []
    let probed = 0
    for (const { method, parameters, urlWith } of operationsOf(spec)) {
      const ids = parameters.filter((p) => isId(p.name) && !JSON.stringify(p.schema ?? {}).includes('{0,17}'))
      const probes = ids.flatMap((p) =>
        spellings.map((spelling) => {
          const value = encodeURIComponent(spelling)
          const url = p.in === 'path' ? urlWith(p.name, value) : `${urlWith()}?${p.name}=${value}`
          return { url, field: `${p.in === 'path' ? 'params' : 'query'}.${p.name}` }
        }),
      )
      if (parameters.some((p) => p.in === 'query' && p.name === 'scope'))
        for (const spelling of ['team:0x10', 'rep:1e3', 'customer:05', 'team:+5'])
          probes.push({ url: `${urlWith()}?scope=${encodeURIComponent(spelling)}`, field: 'query.scope' })
      for (const probe of probes) {
        probed++
        const response = await app.inject({ method, url: probe.url, headers: admin.headers })
        if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== probe.field)
          wrong.push(`${method} ${probe.url} → ${response.statusCode} ${response.body.slice(0, 120)}`)
      }
    }
    expect(probed).toBeGreaterThanOrEqual(100)
    expect(wrong).toEqual([])
  })

  test("a webhook's scope spelt other than a plain scope key, or past int4 → 400 naming body.scope", async () => {
    // The scope in a webhook body names a team, region or rep like the scope query param does (issue 20).
    const spellings = ['team:0x10', 'rep:1e3', 'team:05', 'team:+5', 'team:2147483648', 'customer:1', 'team:', '']
    const wrong: string[] = []
    for (const scope of spellings) {
      for (const [method, url, extra] of [
        ['POST', '/api/webhooks', { url: 'https://hooks.example.test/scope' }],
        ['PATCH', '/api/webhooks/1', { version: 1 }],
      ] as const) {
        const response = await app.inject({ method, url, headers: admin.headers, payload: { ...extra, scope } })
        if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== 'body.scope')
          wrong.push(`${method} ${url} ${scope} → ${response.statusCode} ${response.body.slice(0, 120)}`)
      }
    }
    expect(wrong).toEqual([])
  })

  test('F6: "a\u0000b" in every string body property and query param → 400 naming that field', async () => {
    // PostgreSQL text cannot hold U+0000: one that reaches a query is a 500. One deterministic request per route
    // and string input, the rest of the request left out, so the NUL must be named before anything else.
    type Schema = { type?: string; anyOf?: Schema[]; properties?: Record<string, Schema> }
    type Parameter = { in: string; name: string; schema?: Schema }
    const takesString = (schema: Schema | undefined): boolean =>
      schema?.type === 'string' || (schema?.anyOf ?? []).some(takesString)
    const spec = (await app.inject({ url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>
      >
    }
    const nul = 'a\u0000b'
    const wrong: string[] = []
    let probed = 0
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (skipped.has(`${method.toUpperCase()} ${path}`)) continue
        const parameters = operation.parameters ?? []
        const url = parameters
          .filter((p) => p.in === 'path')
          .reduce(
            (u, p) =>
              u.replace(
                `{${p.name}}`,
                p.name === 'kpiKey' || p.name === 'key' ? KPI_KEYS[0] : p.name === 'entity' ? 'deals' : '1',
              ),
            path,
          )
        const probes: { url: string; payload?: string; type?: string; field: string }[] = []
        // The import takes CSV: without a body its content-type check (415) would answer first.
        const csv = operation.requestBody?.content?.['text/csv'] ? { payload: 'x', type: 'text/csv' } : {}
        for (const p of parameters.filter((p) => p.in === 'query' && takesString(p.schema)))
          probes.push({ url: `${url}?${p.name}=${encodeURIComponent(nul)}`, field: `query.${p.name}`, ...csv })
        const body = operation.requestBody?.content?.['application/json']?.schema
        for (const [name, schema] of Object.entries(body?.properties ?? {}))
          if (takesString(schema)) probes.push({ url, payload: JSON.stringify({ [name]: nul }), field: `body.${name}` })
        for (const probe of probes) {
          probed++
          const response = await app.inject({
            method: method.toUpperCase() as 'GET',
            url: probe.url,
            headers: probe.payload
              ? { ...admin.headers, 'content-type': probe.type ?? 'application/json' }
              : admin.headers,
            ...(probe.payload ? { payload: probe.payload } : {}),
          })
          if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== probe.field)
            wrong.push(
              `${method.toUpperCase()} ${probe.url} ${probe.payload ?? ''} → ${response.statusCode} ${response.body.slice(0, 120)}`,
            )
        }
      }
    }
    // Strings nested in otherwise valid bodies (the probe's reports: holiday, threshold action, layout name).
    const nested: { method: 'PUT'; url: string; payload: unknown; field: string }[] = [
      {
        method: 'PUT',
        url: '/api/settings/holidays',
        payload: { holidays: [{ date: '2026-12-25', name: nul }], version: 1 },
        field: 'body.holidays.0.name',
      },
      {
        method: 'PUT',
        url: `/api/thresholds/${KPI_KEYS[0]}`,
        payload: { mode: 'relative', greenFrom: 100, orangeFrom: 80, actions: { red: ['call', nul] } },
        field: 'body.actions.red.1',
      },
      {
        method: 'PUT',
        url: `/api/thresholds/${KPI_KEYS[0]}`,
        payload: { mode: 'relative', greenFrom: 100, orangeFrom: 80, actionsNl: { orange: [nul] } },
        field: 'body.actionsNl.orange.0',
      },
      {
        method: 'PUT',
        url: '/api/layout',
        payload: { version: 0, areas: [{ key: 'a', name: { en: nul, nl: 'b' }, kpiKeys: [] }] },
        field: 'body.areas.0.name.en',
      },
    ]
    for (const probe of nested) {
      probed++
      const response = await app.inject({
        method: probe.method,
        url: probe.url,
        headers: admin.headers,
        payload: probe.payload as object,
      })
      if (response.statusCode !== 400 || (response.json() as { field?: string }).field !== probe.field)
        wrong.push(`${probe.method} ${probe.url} → ${response.statusCode} ${response.body.slice(0, 120)}`)
    }
    expect(probed).toBeGreaterThanOrEqual(60)
    expect(wrong).toEqual([])
  })

  test('F6: a CSV cell with U+0000 → a row error naming its column; export with q=%00 → 400 before any byte', async () => {
    const wrong: string[] = []
    for (const entity of IMPORT_ENTITIES) {
      const { fields } = (await app.inject({ url: `/api/import/${entity}/fields`, headers: admin.headers })).json() as {
        fields: { name: string; kind: string }[]
      }
      // Every column of the importer in one row (spreadsheet row 2: the header is row 1), each cell holding a NUL:
      // each must be reported against itself.
      const csv = `${fields.map((f) => f.name).join(',')}\r\n${fields.map(() => 'a\u0000b').join(',')}\r\n`
      const response = await app.inject({
        method: 'POST',
        url: `/api/import/${entity}?dryRun=false`,
        headers: { ...admin.headers, 'content-type': 'text/csv' },
        payload: csv,
      })
      // A file with wrong rows: 422 with the report, nothing written.
      expect(response.statusCode, response.body.slice(0, 300)).toBe(422)
      const errors = (response.json() as { errors?: { row: number; column: string; message: string }[] }).errors ?? []
      for (const field of fields) {
        // Row 2: the spreadsheet's (the header is row 1).
        const error = errors.find((e) => e.row === 2 && e.column === field.name)
        if (!error) wrong.push(`${entity}.${field.name} (${field.kind}) passed`)
      }
    }
    expect(wrong).toEqual([])
    for (const entity of ['deals', 'leads', 'customers']) {
      const exported = await app.inject({ url: `/api/export/${entity}.csv?q=%00`, headers: admin.headers })
      expect(exported.statusCode, exported.body.slice(0, 200)).toBe(400)
      expect(exported.json()).toMatchObject({ error: 'validation_failed', field: 'query.q' })
    }
  })

  test('JSON 10,000 arrays deep → 400 naming the body, not a crash', async () => {
    const depth = 10_000
    const payload = '['.repeat(depth) + ']'.repeat(depth)
    const response = await app.inject({
      method: 'POST',
      url: '/api/activities/',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload,
    })
    expectSafeAnswer(response, 'deep JSON')
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field: 'body' })
  })

  test('a 10 MB string field → 413 (body limit), no row written', async () => {
    const before = await rowCounts(db.pool)
    const response = await app.inject({
      method: 'POST',
      url: '/api/customers/',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024), segment: 'SMB' }),
    })
    expectSafeAnswer(response, '10 MB string')
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ error: 'payload_too_large' })
    expect(await rowCounts(db.pool)).toEqual(before)
  })

  test('a CSV over the 50 MB import limit → 413, no row written', async () => {
    const before = await rowCounts(db.pool)
    // 51 MB: one header and many identical rows; the limit is checked before anything is parsed or written.
    const row = 'C-x,Name,SMB,false,,,\r\n'
    const csv =
      'externalId,name,segment,idealProfile,ownerEmail,acquiredAt,churnedAt\r\n' +
      row.repeat(Math.ceil((51 * 1024 * 1024) / row.length))
    const response = await app.inject({
      method: 'POST',
      url: '/api/import/customers?dryRun=false',
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: csv,
    })
    expectSafeAnswer(response, '51 MB CSV')
    expect(response.statusCode).toBe(413)
    expect(await rowCounts(db.pool)).toEqual(before)
  })

  test('formula-injection cells are exported with a leading quote', async () => {
    const names = ["=CMD|' /C calc'!A0", '+SUM(A1)', '-2+3', '@HYPERLINK("x")']
    for (const name of names) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/customers/',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ name, segment: 'Formula' }),
      })
      expect(created.statusCode, created.body).toBe(201)
    }
    const exported = await app.inject({ url: '/api/export/customers.csv', headers: admin.headers })
    expect(exported.statusCode).toBe(200)
    const lines = exported.body.split(/\r?\n/).filter((line) => line.includes('Formula'))
    expect(lines).toHaveLength(names.length)
    for (const line of lines) {
      // No cell may start with = + - @ (a spreadsheet would run it); ours start with ' instead, quoted or not.
      for (const cell of line.split(',')) expect(cell.replace(/^"/, ''), line).not.toMatch(/^[=+\-@]/)
    }
    for (const name of names) expect(exported.body).toContain(`'${name.replaceAll('"', '""')}`)
  })
})
