import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot } from './support/browser.ts'

const baseUrl = inject('baseUrl')
const MAVEN_PRODUCTS = path.join(import.meta.dirname, '../../api/src/testing/datasets/maven-crm-products.csv')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('products admin', () => {
  test('an admin adds a product with an alias, renames it, and finds it by its alias on a phone', async () => {
    // A name of this test's own: the demo organisation is shared with the other stories.
    const tag = randomBytes(3).toString('hex').toUpperCase()
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/admin')
    await login(page, 'admin@example.com')
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products' }).click()
    await page.getByRole('heading', { level: 1, name: 'Products' }).waitFor()

    await page.getByRole('button', { name: 'Add product' }).click()
    const add = page.getByRole('form', { name: 'Add product' })
    await add.getByLabel('Name').fill(`GTX Pro ${tag}`)
    await add.getByLabel('Category').fill('GTX')
    await add.getByLabel('List price').fill('4821,00')
    await add.getByLabel('New alias').fill(`GTXPro${tag}`)
    await add.getByLabel('New alias').press('Enter')
    await add.getByRole('button', { name: 'Save' }).click()
    await add.waitFor({ state: 'detached' })

    await page.getByRole('button', { name: `Edit GTX Pro ${tag}` }).click()
    const edit = page.getByRole('form', { name: `Edit GTX Pro ${tag}` })
    await edit.getByLabel('Name').fill(`GTX Professional ${tag}`)
    await edit.getByRole('button', { name: 'Save' }).click()
    await edit.waitFor({ state: 'detached' })

    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByLabel('Search by name, category or alias').fill(`gtxpro${tag.toLowerCase()}`)
    await page.getByRole('heading', { name: '1 product' }).waitFor()
    const card = page.locator('.product-card')
    expect(await card.locator('strong').textContent()).toBe(`GTX Professional ${tag}`)
    expect(await card.getByRole('list', { name: `Aliases of GTX Professional ${tag}` }).textContent()).toBe(
      `GTXPro${tag}`,
    )
    expect(await card.textContent()).toContain('4,821.00')
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await page.getByLabel('Search by name, category or alias').fill('')
    await screenshot(page, 'products')
    await context.close()
  })

  test("Maven CRM's products.csv through the import wizard: mapped, checked, imported, then on the Products page", async () => {
    // Maven's file with this test's tag on every name, so the shared demo organisation has them fresh each run.
    const tag = randomBytes(3).toString('hex').toUpperCase()
    const [header, ...rows] = readFileSync(MAVEN_PRODUCTS, 'utf8').trim().split('\n')
    const csv = [header, ...rows.map((row) => row.replace(/^([^,]+)/, `$1 ${tag}`))].join('\n') + '\n'
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/admin/import')
    await login(page, 'admin@example.com')
    await page.getByLabel('What the file contains').selectOption('products')
    await page
      .getByLabel(/^File/)
      .setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Next' }).click()
    await page.getByLabel('product', { exact: true }).selectOption('name')
    await page.getByLabel('series', { exact: true }).selectOption('category')
    await page.getByLabel('sales_price', { exact: true }).selectOption('listPrice')
    await page.getByRole('button', { name: 'Check the file' }).click()
    await page.getByRole('button', { name: 'Import 7 rows' }).click()
    await page.getByText('Imported 7 rows: 7 new, 0 updated, 0 unchanged.').waitFor()

    await page.goto('/admin/products')
    await page.getByLabel('Search by name, category or alias').fill(tag)
    await page.getByRole('heading', { name: '7 products' }).waitFor()
    const gtxPro = page.locator('.product-card', { has: page.getByText(`GTX Pro ${tag}`, { exact: true }) })
    expect(await gtxPro.textContent()).toContain('4,821.00')
    await context.close()
  })
})
