import { describe, expect, test } from 'vitest'
import { useApp, withTenantPerTest } from '../settings/config-test-kit.ts'
import { loginAs } from '../../testing/login-as.ts'

// An organisation per test: names are unique per organisation, and every test adds its own products.
const kit = withTenantPerTest(useApp())

/** The audit entries of one product, oldest first. */
async function auditOf(id: number) {
  const { rows } = await kit.db.pool.query(
    "SELECT action, before, after FROM audit_log WHERE entity = 'product' AND entity_id = $1 ORDER BY id",
    [String(id)],
  )
  return rows
}

const create = (body: Record<string, unknown>, session = kit.admin) =>
  kit.app.inject({ method: 'POST', url: '/api/products', headers: session.headers, payload: body })

describe('products', () => {
  test('an admin adds a product with aliases; it is trimmed, priced as a decimal string and audited', async () => {
    const response = await create({
      externalId: ' P-2 ',
      name: ' GTX Pro ',
      category: 'GTX',
      listPrice: '4821',
      aliases: [' GTXPro', 'GTX-Pro'],
    })
    expect(response.statusCode, response.body).toBe(201)
    const { product } = response.json()
    expect(product).toEqual({
      id: expect.any(Number),
      externalId: 'P-2',
      name: 'GTX Pro',
      category: 'GTX',
      listPrice: '4821.00',
      aliases: ['GTX-Pro', 'GTXPro'],
      version: 1,
    })
    const { rows } = await kit.db.pool.query(
      'SELECT action, actor_id, after FROM audit_log WHERE organization_id = $1 AND entity = $2',
      [kit.tenant.organizationId, 'product'],
    )
    expect(rows).toEqual([{ action: 'product.created', actor_id: kit.tenant.admin.id, after: product }])
  })

  test('every signed-in user reads the catalogue, sorted by name whatever the case', async () => {
    for (const name of ['MG Special', 'gtx Basic', 'GTX Pro']) await create({ name, category: name.slice(0, 3) })
    const rep = await loginAs(kit.app, kit.tenant.teams[0].reps[0].email)
    const response = await kit.app.inject({ method: 'GET', url: '/api/products', headers: rep.headers })
    expect(response.statusCode).toBe(200)
    expect(response.json().products.map((p: { name: string }) => p.name)).toEqual([
      'gtx Basic',
      'GTX Pro',
      'MG Special',
    ])
  })

  test('PATCH renames, reprices and replaces the aliases at the current version; GET shows the change', async () => {
    const { product } = (await create({ name: 'GTX Pro', category: 'GTX', aliases: ['GTXPro'] })).json()
    const response = await kit.app.inject({
      method: 'PATCH',
      url: `/api/products/${product.id}`,
      headers: kit.admin.headers,
      payload: { version: 1, name: 'GTX Professional', listPrice: '4821.50', aliases: ['GTX Pro', 'GTXPro'] },
    })
    expect(response.statusCode, response.body).toBe(200)
    const expected = {
      ...product,
      name: 'GTX Professional',
      listPrice: '4821.50',
      aliases: ['GTX Pro', 'GTXPro'],
      version: 2,
    }
    expect(response.json()).toEqual({ product: expected })
    const read = await kit.app.inject({ url: `/api/products/${product.id}`, headers: kit.admin.headers })
    expect(read.json()).toEqual({ product: expected })
    expect(await auditOf(product.id)).toEqual([
      { action: 'product.created', before: null, after: product },
      { action: 'product.updated', before: product, after: expected },
    ])
  })

  test('DELETE removes an unused product and its aliases', async () => {
    const { product } = (await create({ name: 'Old', category: 'X', aliases: ['Older'] })).json()
    const response = await kit.app.inject({
      method: 'DELETE',
      url: `/api/products/${product.id}?version=1`,
      headers: kit.admin.headers,
    })
    expect(response.statusCode).toBe(204)
    const { rows } = await kit.db.pool.query('SELECT count(*)::int AS n FROM product_aliases WHERE product_id = $1', [
      product.id,
    ])
    expect(rows[0].n).toBe(0)
    expect((await kit.app.inject({ url: `/api/products/${product.id}`, headers: kit.admin.headers })).statusCode).toBe(
      404,
    )
    expect((await auditOf(product.id)).map((entry) => entry.action)).toEqual(['product.created', 'product.deleted'])
    // A freed name and alias may be used again.
    expect((await create({ name: 'Older', category: 'X', aliases: ['Old'] })).statusCode).toBe(201)
  })
})
