import { beforeEach, describe, expect, test } from 'vitest'
import { useApp, withTenantPerTest } from '../settings/config-test-kit.ts'
import { loginAs } from '../../testing/login-as.ts'
import { CATALOGUE_LOCK_KEY } from './product-names.db.ts'

// An organisation per test, each with "GTX Pro" (alias "GTXPro") in its catalogue.
const kit = withTenantPerTest(useApp())
let gtxPro: { id: number; version: number }
beforeEach(async () => {
  gtxPro = (await create({ externalId: 'P-2', name: 'GTX Pro', category: 'GTX', aliases: ['GTXPro'] })).json().product
})

const create = (body: Record<string, unknown>) =>
  kit.app.inject({ method: 'POST', url: '/api/products', headers: kit.admin.headers, payload: body })

describe('names and aliases are unique per organisation, case-insensitively, across both', () => {
  test.each([
    {
      body: { name: 'gtx pro' },
      status: 409,
      field: 'body.name',
      message: '"gtx pro" is already the name of another product',
    },
    { body: { name: 'gtxpro' }, status: 409, field: 'body.name', message: '"gtxpro" is already an alias of "GTX Pro"' },
    {
      body: { name: 'GTX Plus', aliases: ['GTX plus', 'x'] },
      status: 400,
      field: 'body.aliases.0',
      message: `"GTX plus" is the product's own name`,
    },
    {
      body: { name: 'GTX Plus', aliases: ['A', 'a'] },
      status: 400,
      field: 'body.aliases.1',
      message: '"a" is listed twice',
    },
    {
      body: { name: 'GTX Plus', aliases: ['GTX PRO'] },
      status: 409,
      field: 'body.aliases.0',
      message: '"GTX PRO" is already the name of another product',
    },
    {
      body: { name: 'GTX Plus', aliases: ['ok', 'GTXPRO'] },
      status: 409,
      field: 'body.aliases.1',
      message: '"GTXPRO" is already an alias of "GTX Pro"',
    },
    {
      body: { name: 'GTX Plus', externalId: 'P-2' },
      status: 409,
      field: 'body.externalId',
      message: '"GTX Pro" already has the external id "P-2"',
    },
  ])('$field: $message', async ({ body, status, field, message }) => {
    const response = await create({ category: 'GTX', ...body })
    expect(response.statusCode).toBe(status)
    expect(response.json()).toMatchObject({ field, message })
  })

  test.each([
    { aliases: ['  '], field: 'body.aliases.0' },
    { aliases: Array.from({ length: 51 }, (_, i) => `A${i}`), field: 'body.aliases' },
    { listPrice: '12.345', field: 'body.listPrice' },
    { listPrice: '-1', field: 'body.listPrice' },
    { name: ' ', field: 'body.name' },
  ])('400 naming $field', async ({ field, ...body }) => {
    const response = await create({ name: 'GTX Plus', category: 'GTX', ...body })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ error: 'validation_failed', field })
  })

  test('two admins adding "Hyper" and "hyper" at once: the catalogue lock lets one in, the other is told why', async () => {
    // The unique index is case-sensitive; the per-organisation lock is what keeps the case-insensitive rule. Hold
    // it here, so both requests are inside their transactions and waiting on it when it is let go.
    const holder = await kit.db.pool.connect()
    await holder.query('BEGIN')
    await holder.query('SELECT pg_advisory_xact_lock($1, $2)', [CATALOGUE_LOCK_KEY, kit.tenant.organizationId])
    let settled = 0
    const pending = ['Hyper', 'hyper'].map((name) => create({ name, category: 'X' }).finally(() => (settled += 1)))
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(settled).toBe(0) // both wait for the lock
    await holder.query('COMMIT')
    holder.release()
    const answers = await Promise.all(pending)
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
  })

  test('another organisation may use the same names', async () => {
    const other = await loginAs(kit.app, kit.tenant.other.admin.email)
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/products',
      headers: other.headers,
      payload: { name: 'GTXPro', category: 'GTX', aliases: ['GTX Pro'] },
    })
    expect(response.statusCode).toBe(201)
  })

  test('a product keeps its own name and aliases when edited, in any case', async () => {
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/products/${gtxPro.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, name: 'GTX PRO', aliases: ['gtxpro'] },
    })
    expect(response.statusCode, response.body).toBe(200)
  })
})

describe('versions and products in use', () => {
  test('a stale PATCH answers 409 version_conflict with the product as stored, and changes nothing', async () => {
    const url = `/api/products/${gtxPro.id}`
    await kit.app.inject({
      method: 'PATCH',
      url,
      headers: kit.admin.headers,
      payload: { version: 1, category: 'GTX2' },
    })
    const response = await kit.app.inject({
      method: 'PATCH',
      url,
      headers: kit.admin.headers,
      payload: { version: 1, name: 'X' },
    })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toMatchObject({
      error: 'version_conflict',
      field: 'body.version',
      current: { name: 'GTX Pro', category: 'GTX2', version: 2 },
    })
  })

  test('DELETE of a product two deals name: 409 saying so, and the product stays', async () => {
    const rep = kit.tenant.teams[0].reps[0]
    for (const name of ['D1', 'D2']) {
      const deal = await kit.app.inject({
        method: 'POST',
        url: '/api/deals/',
        headers: kit.admin.headers,
        payload: {
          name,
          ownerId: rep.id,
          productId: gtxPro.id,
          type: 'NEW_BUSINESS',
          stage: 'Lead',
          probability: 10,
          status: 'OPEN',
          amount: '10.00',
          createdAt: '2026-01-05T10:00:00Z',
        },
      })
      expect(deal.statusCode, deal.body).toBe(201)
    }
    const url = `/api/products/${gtxPro.id}`
    const response = await kit.app.inject({ method: 'DELETE', url: `${url}?version=1`, headers: kit.admin.headers })
    expect(response.statusCode).toBe(409)
    expect(response.json().message).toMatch(/^"GTX Pro" is used by 2 deals; it cannot be deleted/)
    expect((await kit.app.inject({ url, headers: kit.admin.headers })).statusCode).toBe(200)
  })

  test('a rep or manager may read but not write; another organisation’s product is 404', async () => {
    const manager = await loginAs(kit.app, kit.tenant.teams[0].manager.email)
    const write = await kit.app.inject({
      method: 'POST',
      url: '/api/products',
      headers: manager.headers,
      payload: { name: 'New', category: 'X' },
    })
    expect(write.statusCode).toBe(403)
    const other = await loginAs(kit.app, kit.tenant.other.admin.email)
    expect((await kit.app.inject({ url: `/api/products/${gtxPro.id}`, headers: other.headers })).statusCode).toBe(404)
  })
})
