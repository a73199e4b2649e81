import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { useApp, withTenantPerTest } from '../routes/settings/config-test-kit.ts'
import { loginAs, type Session } from '../testing/login-as.ts'

// The products import over the API, with Maven CRM's products.csv as the customer brings it
// (product,series,sales_price; testing/datasets/README.md).

const MAVEN_PRODUCTS = path.join(import.meta.dirname, '../testing/datasets/maven-crm-products.csv')
const MAVEN_MAPPING = { product: 'name', series: 'category', sales_price: 'listPrice' }

// An organisation per test: each imports into an empty catalogue.
const kit = withTenantPerTest(useApp())

async function importProducts(csv: string, options: { dryRun?: boolean; mapping?: object; as?: Session } = {}) {
  const query = new URLSearchParams({ dryRun: String(options.dryRun ?? false) })
  if (options.mapping) query.set('mapping', JSON.stringify(options.mapping))
  const response = await kit.app.inject({
    method: 'POST',
    url: `/api/import/products?${query}`,
    headers: { ...(options.as ?? kit.admin).headers, 'content-type': 'text/csv' },
    payload: csv,
  })
  return { status: response.statusCode, body: response.json() }
}

async function catalogue() {
  const response = await kit.app.inject({ url: '/api/products', headers: kit.admin.headers })
  return (
    response.json() as {
      products: {
        name: string
        category: string
        listPrice: string | null
        aliases: string[]
        externalId: string | null
      }[]
    }
  ).products
}

describe('importing products', () => {
  test("Maven's products.csv with a mapping: dry run first, then 7 products; the same file again changes nothing", async () => {
    const csv = readFileSync(MAVEN_PRODUCTS, 'utf8')
    const dry = await importProducts(csv, { dryRun: true, mapping: MAVEN_MAPPING })
    expect(dry.status).toBe(200)
    expect(dry.body).toMatchObject({ entity: 'products', rows: 7, valid: 7, errorCount: 0 })
    expect(await catalogue()).toEqual([])

    const real = await importProducts(csv, { mapping: MAVEN_MAPPING })
    expect(real).toEqual({
      status: 200,
      body: { entity: 'products', rows: 7, inserted: 7, updated: 0, unchanged: 0, repeated: 0 },
    })
    // By name, case-insensitive; the prices of the file with two decimals.
    expect((await catalogue()).map((p) => [p.name, p.category, p.listPrice])).toEqual([
      ['GTK 500', 'GTK', '26768.00'],
      ['GTX Basic', 'GTX', '550.00'],
      ['GTX Plus Basic', 'GTX', '1096.00'],
      ['GTX Plus Pro', 'GTX', '5482.00'],
      ['GTX Pro', 'GTX', '4821.00'],
      ['MG Advanced', 'MG', '3393.00'],
      ['MG Special', 'MG', '55.00'],
    ])
    const again = await importProducts(csv, { mapping: MAVEN_MAPPING })
    expect(again.body).toEqual({ entity: 'products', rows: 7, inserted: 0, updated: 0, unchanged: 7, repeated: 0 })
  })

  test('a row finds its product by name (any case) and gives it an external id and aliases, which a later row replaces', async () => {
    await importProducts(readFileSync(MAVEN_PRODUCTS, 'utf8'), { mapping: MAVEN_MAPPING })
    const withAliases = 'externalId,name,category,listPrice,aliases\r\nP-2,gtx pro,GTX,4821,GTXPro | GTX-Pro\r\n'
    expect((await importProducts(withAliases)).body).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    const gtxPro = (await catalogue()).find((p) => p.externalId === 'P-2')
    expect(gtxPro).toMatchObject({ name: 'gtx pro', aliases: ['GTX-Pro', 'GTXPro'] })
    expect((await importProducts(withAliases)).body).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 })
    // Aliases alone are a change too: a new version, so an edit form opened before this import is stale.
    const aliasesOnly = 'externalId,name,category,listPrice,aliases\r\nP-2,gtx pro,GTX,4821,GTXPro\r\n'
    expect((await importProducts(aliasesOnly)).body).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    expect((await catalogue()).find((p) => p.externalId === 'P-2')).toMatchObject({ aliases: ['GTXPro'], version: 3 })
    // By external id now: the rename and the dropped price are one update.
    const renamed = 'externalId,name,category,aliases\r\nP-2,GTX Pro,GTX,GTXPro\r\n'
    expect((await importProducts(renamed)).body).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    expect((await catalogue()).find((p) => p.externalId === 'P-2')).toMatchObject({
      name: 'GTX Pro',
      listPrice: null,
      aliases: ['GTXPro'],
    })
  })

  test('names and aliases that would name two products are row errors, and nothing is written', async () => {
    await importProducts(readFileSync(MAVEN_PRODUCTS, 'utf8'), { mapping: MAVEN_MAPPING })
    const csv = [
      'name,category,aliases',
      'GTX Ultra,GTX,GTX Basic', // another product's name
      'GTX Mega,GTX,Mega;mega', // twice in one cell
      'New One,X,Ultra',
      'NEW ONE,X,', // the same name twice in the file
    ].join('\r\n')
    const response = await importProducts(csv)
    expect(response.status).toBe(422)
    expect(response.body.errors).toEqual([
      // The spreadsheet's rows: the header is row 1.
      { row: 2, column: 'aliases', value: 'GTX Basic', message: '"GTX Basic" is already the name of another product' },
      { row: 3, column: 'aliases', value: 'mega', message: '"mega" is listed twice' },
      { row: 4, column: 'name', value: 'New One', message: '"New One" is already the name of another product' },
      { row: 5, column: 'name', value: 'NEW ONE', message: '"NEW ONE" is already the name of another product' },
    ])
    expect(await catalogue()).toHaveLength(7)
  })

  test('managers may not import products', async () => {
    const manager = await loginAs(kit.app, kit.tenant.teams[0].manager.email)
    const response = await importProducts('name,category\r\nA,B\r\n', { as: manager })
    expect(response.status).toBe(403)
  })
})
