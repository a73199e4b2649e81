import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// Headers that are not our field names, so the mapping step has to match them ("Customer name" → name).
const header = 'External ID,Customer name,Segment,Owner email'
const good = [
  'E2E-C1,Bakkerij de Vries,SMB,rep@example.com',
  'E2E-C2,Jansen Logistiek,Mid-market,manager@example.com',
  'E2E-C3,Van Dijk Bouw,SMB,rep@example.com',
]
const csv = (rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n')

describe('import wizard', () => {
  test('a CSV with an error row: the error is shown, the fixed file is checked again and committed', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/admin/import')
    await login(page, 'admin@example.com')

    await page.getByLabel('What the file contains').selectOption('customers')
    const broken = [good[0]!, 'E2E-C2,Jansen Logistiek,Mid-market,nobody@nowhere.example', good[2]!]
    await page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: csv(broken) })
    await page.getByRole('button', { name: 'Next' }).click()

    // Step 2: the mapping is pre-filled by name similarity.
    expect(await page.getByLabel('Customer name').inputValue()).toBe('name')
    expect(await page.getByLabel('Owner email').inputValue()).toBe('ownerEmail')
    await page.getByRole('button', { name: 'Check the file' }).click()

    // Step 3: the second data row's owner is unknown: spreadsheet row 3 (the header is row 1).
    const errors = page.getByRole('table', { name: 'Rows with errors' })
    await errors.waitFor()
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents()
    expect(cells.slice(0, 2)).toEqual(['3', 'Owner email'])
    expect(await page.getByRole('button', { name: /^Import \d+ rows$/ }).count()).toBe(0)
    await screenshot(page, 'admin-import-errors')

    await page.getByLabel('Choose the corrected file').setInputFiles({
      name: 'customers-fixed.csv',
      mimeType: 'text/csv',
      buffer: csv(good),
    })
    await page.getByRole('button', { name: 'Import 3 rows' }).click()
    await page.getByText('Imported 3 rows: 3 new, 0 updated, 0 unchanged.').waitFor()
    await screenshot(page, 'admin-import-done')
    await context.close()
  })
})
