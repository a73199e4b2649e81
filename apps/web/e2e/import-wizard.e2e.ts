import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, login, newPage, openBrowser, screenshot } from './support/browser.ts'

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
    await page.getByLabel(/^File/).setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: csv(broken) })
    await page.getByRole('button', { name: 'Next' }).click()

    // Step 2: the mapping is pre-filled by name similarity.
    expect(await page.getByLabel('Customer name', { exact: true }).inputValue()).toBe('name')
    expect(await page.getByLabel('Owner email', { exact: true }).inputValue()).toBe('ownerEmail')
    await page.getByRole('button', { name: 'Check the file' }).click()

    // Step 3: the second data row's owner is unknown: row 3 of the spreadsheet (the header is row 1).
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

  // Dutch Excel's "CSV (;)": semicolons, 4.500,00, 15-03-2026, Windows-1252 bytes. No character of this file lies
  // in 0x80–0x9F, where Windows-1252 and Latin-1 differ, so Node's latin1 writes exactly Excel's bytes.
  test('a Dutch Excel CSV in Windows-1252: read as such, one column to two fields, a constant, a value translated', async () => {
    const dutch = Buffer.from(
      [
        'Dealnr;Omschrijving;Verkoper;Fase;Bedrag;Aangemaakt',
        'E2E-NL-1;Café Ëlise;rep@example.com;Gewonnen;4.500,00;15-03-2026',
        'E2E-NL-2;Bakkerij Öztürk;rep@example.com;Gewonnen;1.250,50;16-03-2026',
        'E2E-NL-3;Jansen & Zn;rep@example.com;Verloren;800,00;17-03-2026',
      ].join('\r\n') + '\r\n',
      'latin1',
    )
    const { context, page } = await newPage(browser, baseUrl, { locale: 'nl' })
    await page.goto('/admin/import')
    // The sign-in form speaks Dutch too (login() knows the English one).
    await page.getByLabel('E-mail').fill('admin@example.com')
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Inloggen' }).click()
    await page.getByLabel('Wat het bestand bevat').selectOption('deals')
    await page.getByRole('region', { name: 'Kolommen die het bestand moet hebben' }).waitFor()
    await page.getByLabel(/^Bestand/).setInputFiles({ name: 'deals.csv', mimeType: 'text/csv', buffer: dutch })
    await page.getByRole('button', { name: 'Volgende' }).click()

    // Step 2: the format in plain words, as detected.
    await expect
      .poll(() => page.getByRole('note').textContent())
      .toBe("Gescheiden door puntkomma's, decimale komma, bedragen als 4.500,00, datums als 31-12-2026, Windows-1252")
    await page.getByLabel('Dealnr', { exact: true }).selectOption('externalId')
    await page.getByLabel('Omschrijving', { exact: true }).selectOption('name')
    await page.getByLabel('Verkoper', { exact: true }).selectOption('ownerEmail')
    await page.getByLabel('Bedrag', { exact: true }).selectOption('amount')
    await page.getByLabel('Aangemaakt', { exact: true }).selectOption('createdAt')
    // "Fase" is both the stage (as written) and the status (translated in step 3).
    await page.getByLabel('Fase', { exact: true }).selectOption('stage')
    await page.getByRole('button', { name: 'Fase: nog een veld vullen' }).click()
    await page.getByLabel('Fase vult ook').selectOption('status')
    const constants = page.getByRole('group', { name: 'Dezelfde waarde op elke rij' })
    await constants.getByLabel('Veld').selectOption('type')
    await constants.getByLabel('Waarde').selectOption('NEW_BUSINESS')
    await constants.getByRole('button', { name: 'Waarde voor elke rij toevoegen' }).click()
    await screenshot(page, 'import-map')
    await page.getByRole('button', { name: 'Bestand controleren' }).click()

    // Step 3: "Gewonnen" and "Verloren" are no status: translated here, the file is checked again after each.
    await page.getByLabel('Gewonnen (2 rijen)').selectOption('WON')
    await page.getByLabel('Verloren (1 rij)').selectOption('LOST')
    await page.getByLabel('Deze koppeling bewaren als…').fill('Excel NL')
    const commit = page.getByRole('button', { name: '3 rijen importeren' })
    await commit.waitFor()
    await screenshot(page, 'import-check')
    await commit.click()
    await page.getByText('3 rijen geïmporteerd: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd.').waitFor()

    // Stored as written: the name's letters intact, amounts 4500.00 + 1250.50 = 5750.50 won.
    const exported = await page.evaluate(() => fetch('/api/export/deals.csv').then((r) => r.text()))
    const ours = exported.split('\n').filter((line) => line.startsWith('E2E-NL-'))
    expect(ours.some((line) => line.includes('Café Ëlise') && line.includes('4500'))).toBe(true)
    const won = ours.filter((line) => line.includes(',WON,')).map((line) => /,(\d+\.\d{2}),/.exec(line)?.[1])
    expect(won.map(Number).reduce((a, b) => a + b, 0)).toBe(5750.5)

    // At 390 px the page still fits: no sideways scrolling.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await context.close()
  })
})
