import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { workbook } from '../../api/src/testing/workbook.ts'
import { login, newPage, openBrowser, screenshot } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const DATASETS = path.join(import.meta.dirname, '../../api/src/testing/datasets')
const ADMIN = { name: 'Ada Admin', email: 'ada@wizard.test', password: 'correct horse battery' }

/**
 * A server of its own with an empty installation, set up through the API as one organisation (Amsterdam, EUR)
 * whose admin is ADMIN: the figures a story checks are its own rows and nothing else, whatever today is.
 */
async function ownOrganisation(): Promise<RunningServer> {
  const server = await startServer({ env: { DEMO_DATA: 'false' } })
  const response = await fetch(`${server.baseUrl}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: 'kpi_csrf=t', 'x-csrf-token': 't' },
    body: JSON.stringify({
      organization: { name: 'Wizard BV', timeZone: 'Europe/Amsterdam', currency: 'EUR', fiscalYearStartMonth: 1 },
      admin: ADMIN,
    }),
  })
  expect(response.status, await response.text()).toBe(201)
  return server
}

/** The signed-in page's API (its session cookie, CSRF from the readable cookie), as the web app calls it. */
async function api(page: Page, method: 'GET' | 'POST', url: string, body?: string, type = 'text/csv') {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kpi_csrf')!.value
  const response = await page.request.fetch(url, {
    method,
    headers: { 'x-csrf-token': csrf, 'content-type': type },
    ...(body === undefined ? {} : { data: body }),
  })
  expect(response.status(), await response.text()).toBeLessThan(300)
  return (await response.json()) as Record<string, unknown>
}

/** Won revenue of the month of `date` for the whole organisation, as the KPI detail's dial says it. */
async function wonRevenueDial(page: Page, date: string, name: RegExp) {
  await page.goto(`/kpi/revenue.won?period=month&date=${date}`)
  const dial = page.getByRole('img', { name })
  await dial.waitFor()
  return dial.getAttribute('aria-label')
}

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

  // (a) Dutch Excel's "CSV (;)": semicolons, 4.500,00, 15-03-2024, Windows-1252 bytes. No character of this file
  // lies in 0x80–0x9F, where Windows-1252 and Latin-1 differ, so Node's latin1 writes exactly Excel's bytes.
  test('a Dutch Excel CSV in Windows-1252: read as such, one column to three fields, a constant, values translated; March won revenue by hand', async () => {
    const server = await ownOrganisation()
    const dutch = Buffer.from(
      [
        'Dealnr;Omschrijving;Verkoper;Fase;Bedrag;Aangemaakt;Afgesloten',
        `E2E-NL-1;Café Ëlise;${ADMIN.email};Gewonnen;4.500,00;15-01-2024;15-03-2024`,
        `E2E-NL-2;Bakkerij Öztürk;${ADMIN.email};Gewonnen;1.250,50;16-01-2024;28-03-2024`,
        `E2E-NL-3;Jansen & Zn;${ADMIN.email};Verloren;800,00;17-01-2024;20-03-2024`,
      ].join('\r\n') + '\r\n',
      'latin1',
    )
    const { context, page } = await newPage(browser, server.baseUrl, { locale: 'nl' })
    try {
      await page.goto('/admin/import')
      // The sign-in form speaks Dutch too (login() knows the English one).
      await page.getByLabel('E-mail').fill(ADMIN.email)
      await page.getByLabel('Wachtwoord').fill(ADMIN.password)
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
      await page.getByLabel('Afgesloten', { exact: true }).selectOption('closedAt')
      // "Fase" is the stage (as written), the status and the probability (both translated in step 3).
      await page.getByLabel('Fase', { exact: true }).selectOption('stage')
      await page.getByRole('button', { name: 'Fase: nog een veld vullen' }).click()
      await page.getByLabel('Fase vult ook').last().selectOption('status')
      await page.getByRole('button', { name: 'Fase: nog een veld vullen' }).click()
      await page.getByLabel('Fase vult ook').last().selectOption('probability')
      const constants = page.getByRole('group', { name: 'Dezelfde waarde op elke rij' })
      await constants.getByLabel('Veld').selectOption('type')
      await constants.getByLabel('Waarde').selectOption('NEW_BUSINESS')
      await constants.getByRole('button', { name: 'Waarde voor elke rij toevoegen' }).click()
      await page.evaluate(() => window.scrollTo(0, 0))
      await screenshot(page, 'import-map')
      // On a phone (390 px): nothing scrolls sideways, and the last control is still reachable.
      await page.setViewportSize({ width: 390, height: 844 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.getByLabel('Fase vult ook').last().scrollIntoViewIfNeeded()
      await screenshot(page, 'import-map-phone')
      await page.setViewportSize({ width: 1280, height: 800 })
      await page.getByRole('button', { name: 'Bestand controleren' }).click()

      // Step 3: "Gewonnen" and "Verloren" are no status nor probability: translated here, checked again after each.
      const status = page.getByRole('table', { name: 'Status' })
      await status.getByLabel('Gewonnen (2 rijen)').selectOption('WON')
      await status.getByLabel('Verloren (1 rij)').selectOption('LOST')
      const probability = page.getByRole('table', { name: 'Kans (%)' })
      await probability.getByLabel('Gewonnen (2 rijen)').fill('100')
      await probability.getByLabel('Gewonnen (2 rijen)').press('Enter')
      await probability.getByLabel('Verloren (1 rij)').fill('0')
      await probability.getByLabel('Verloren (1 rij)').press('Enter')
      await page.getByLabel('Deze koppeling bewaren als…').fill('Excel NL')
      const commit = page.getByRole('button', { name: '3 rijen importeren' })
      await commit.waitFor()
      // Each field of "Fase" has its own preview column, named by its label.
      const preview = page.getByRole('table', { name: 'Voorbeeld van de eerste rijen, zoals ze worden geïmporteerd' })
      expect(await preview.locator('tbody tr').first().locator('td').allTextContents()).toContain('WON')
      await screenshot(page, 'import-check')
      await commit.click()
      await page.getByText('3 rijen geïmporteerd: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd.').waitFor()

      // At 390 px the page still fits: no sideways scrolling.
      await page.setViewportSize({ width: 390, height: 844 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
      await page.setViewportSize({ width: 1280, height: 800 })

      // Stored as written: the name's letters intact.
      const exported = await page.evaluate(() => fetch('/api/export/deals.csv').then((r) => r.text()))
      expect(exported).toContain('Café Ëlise')
      // Won revenue of March 2024 = the two "Gewonnen" rows, closed 15-03 and 28-03: 4500.00 + 1250.50 = 5750.50
      // (the "Verloren" 800,00 does not count).
      const detail = await api(page, 'GET', '/api/kpis/revenue.won?period=month&date=2024-03-15')
      expect(detail['kpi']).toMatchObject({ value: { kind: 'value', value: 5750.5 } })
      expect(await wonRevenueDial(page, '2024-03-15', /^Gewonnen omzet: /)).toMatch(/^Gewonnen omzet: €\s?5\.75[01]/)
    } finally {
      await context.close()
      await server.stop()
    }
  })

  // (b) An .xlsx as Excel writes it: a notes sheet first, the deals on the second (chosen in the wizard), date cells
  // and number cells.
  test('an .xlsx with the deals on its second sheet, date and number cells; February won revenue by hand', async () => {
    const server = await ownOrganisation()
    const day = (month: number, date: number) => new Date(Date.UTC(2024, month - 1, date))
    const file = await workbook([
      { name: 'Read me', rows: [['Exported from our old spreadsheet'], ['Amounts in euro']] },
      {
        name: 'Deals',
        rows: [
          ['Deal ID', 'Title', 'Owner', 'Kind', 'Stage', 'Chance', 'Outcome', 'Value', 'Created', 'Closed'],
          ['X-1', 'Noord Fietsen', ADMIN.email, 'New business', 'Won', 100, 'WON', 1200.5, day(1, 8), day(2, 5)],
          ['X-2', 'Zuid Bakkers', ADMIN.email, 'Upsell', 'Won', 100, 'WON', 3000, day(1, 9), day(2, 27)],
          ['X-3', 'Oost Kranen', ADMIN.email, 'New business', 'Lost', 0, 'LOST', 999, day(1, 10), day(2, 12)],
          ['X-4', 'West Verf', ADMIN.email, 'New business', 'Proposal', 40, 'OPEN', 5000, day(1, 11), null],
        ],
      },
    ])
    const { context, page } = await newPage(browser, server.baseUrl)
    try {
      await page.goto('/admin/import')
      await login(page, ADMIN.email, ADMIN.password)
      await page.getByLabel('What the file contains').selectOption('deals')
      await page.getByLabel(/^File/).setInputFiles({
        name: 'deals.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: file,
      })
      await page.getByRole('button', { name: 'Next' }).click()

      // The first sheet is read first; the deals are on the second: chosen under "Change how the file is read".
      await page.getByLabel('Exported from our old spreadsheet', { exact: true }).waitFor()
      await page.getByText('Not right? Change how the file is read').click()
      await page.getByLabel('Sheet', { exact: true }).selectOption('Deals')
      await page.getByLabel('Deal ID', { exact: true }).waitFor()
      // In the columns' table: "Value" is also the label of the constants' and defaults' value boxes.
      const columns = page.getByRole('table', { name: 'Columns in deals.xlsx' })
      for (const [column, field] of [
        ['Deal ID', 'externalId'],
        ['Title', 'name'],
        ['Owner', 'ownerEmail'],
        ['Kind', 'type'],
        ['Stage', 'stage'],
        ['Chance', 'probability'],
        ['Outcome', 'status'],
        ['Value', 'amount'],
        ['Created', 'createdAt'],
        ['Closed', 'closedAt'],
      ] as const)
        await columns.getByLabel(column, { exact: true }).selectOption(field)
      await page.getByRole('button', { name: 'Check the file' }).click()
      await page.getByRole('button', { name: 'Import 4 rows' }).click()
      await page.getByText('Imported 4 rows: 4 new, 0 updated, 0 unchanged.').waitFor()

      // Won revenue of February 2024 = X-1 (closed 5 Feb) + X-2 (27 Feb): 1200.50 + 3000 = 4200.50; X-3 is lost,
      // X-4 open.
      const detail = await api(page, 'GET', '/api/kpis/revenue.won?period=month&date=2024-02-15')
      expect(detail['kpi']).toMatchObject({ value: { kind: 'value', value: 4200.5 } })
      expect(await wonRevenueDial(page, '2024-02-15', /^Won revenue: /)).toMatch(/^Won revenue: €4,20[01]/)
    } finally {
      await context.close()
      await server.stop()
    }
  })

  // (c) 22 real rows of Maven CRM's sales_pipeline.csv: owners by name, products by name ("GTXPro" = GTX Pro via
  // its alias), stage words, blank close values and dates, no type column.
  test("Maven CRM's pipeline: owners by name, an alias, stage words translated, a constant and a default; March 2017 won revenue by hand", async () => {
    const server = await ownOrganisation()
    const pipeline = readFileSync(path.join(DATASETS, 'maven-crm-sales-pipeline-22.csv'))
    const [, ...agents] = [
      ...new Set(
        pipeline
          .toString()
          .trim()
          .split('\n')
          .map((l) => l.split(',')[1]!),
      ),
    ]
    const { context, page } = await newPage(browser, server.baseUrl)
    try {
      await page.goto('/admin/import')
      await login(page, ADMIN.email, ADMIN.password)
      // The organisation first, through the API: the 15 sales agents (people without sign-in) and Maven's products,
      // GTX Pro with the spelling the pipeline uses as its alias.
      const people = ['externalId,name', ...agents.map((name, i) => `agent-${i + 1},${name}`)].join('\n')
      expect(await api(page, 'POST', '/api/import/users?dryRun=false', people)).toMatchObject({ inserted: 15 })
      const [productHeader, ...products] = readFileSync(path.join(DATASETS, 'maven-crm-products.csv'), 'utf8')
        .trim()
        .split('\n')
      const catalogue = [
        `${productHeader},aliases`,
        ...products.map((row) => (row.startsWith('GTX Pro,') ? `${row},GTXPro` : `${row},`)),
      ].join('\n')
      const mapping = encodeURIComponent(
        JSON.stringify({ product: 'name', series: 'category', sales_price: 'listPrice' }),
      )
      expect(await api(page, 'POST', `/api/import/products?dryRun=false&mapping=${mapping}`, catalogue)).toMatchObject({
        inserted: 7,
      })

      await page.goto('/admin/import')
      await page.getByLabel('What the file contains').selectOption('deals')
      await page
        .getByLabel(/^File/)
        .setInputFiles({ name: 'sales_pipeline.csv', mimeType: 'text/csv', buffer: pipeline })
      await page.getByRole('button', { name: 'Next' }).click()
      // opportunity_id is the key and the name; deal_stage the stage, the status and the probability.
      await page.getByLabel('opportunity_id', { exact: true }).selectOption('externalId')
      await page.getByRole('button', { name: 'opportunity_id: fill one more field' }).click()
      await page.getByLabel('opportunity_id also fills').selectOption('name')
      await page.getByLabel('sales_agent', { exact: true }).selectOption('ownerEmail')
      await page.getByLabel('product', { exact: true }).selectOption('product')
      await page.getByLabel('account', { exact: true }).selectOption('')
      await page.getByLabel('deal_stage', { exact: true }).selectOption('stage')
      await page.getByRole('button', { name: 'deal_stage: fill one more field' }).click()
      await page.getByLabel('deal_stage also fills').last().selectOption('status')
      await page.getByRole('button', { name: 'deal_stage: fill one more field' }).click()
      await page.getByLabel('deal_stage also fills').last().selectOption('probability')
      await page.getByLabel('engage_date', { exact: true }).selectOption('createdAt')
      await page.getByLabel('close_date', { exact: true }).selectOption('closedAt')
      await page.getByLabel('close_value', { exact: true }).selectOption('amount')
      const constants = page.getByRole('group', { name: 'Same value on every row' })
      await constants.getByLabel('Field').selectOption('type')
      await constants.getByLabel('Value').selectOption('NEW_BUSINESS')
      await constants.getByRole('button', { name: 'Add value for every row' }).click()
      // Prospecting rows were never engaged: their created date is the export's first day.
      const defaults = page.getByRole('group', { name: 'When a cell is empty' })
      await defaults.getByLabel('Field').selectOption('createdAt')
      await defaults.getByLabel('Value').fill('2016-10-01')
      await defaults.getByRole('button', { name: 'Add value for empty cells' }).click()
      await page.getByRole('button', { name: 'Check the file' }).click()

      // "Won" and "Lost" read as WON and LOST; "Engaging" and "Prospecting" are translated, and every word to a
      // probability.
      const status = page.getByRole('table', { name: 'Status' })
      await status.getByLabel('Engaging (1 row)').selectOption('OPEN')
      await status.getByLabel('Prospecting (2 rows)').selectOption('OPEN')
      const probability = page.getByRole('table', { name: 'Probability (%)' })
      for (const [word, percent] of [
        ['Won (16 rows)', '100'],
        ['Lost (3 rows)', '0'],
        ['Engaging (1 row)', '50'],
        ['Prospecting (2 rows)', '10'],
      ] as const) {
        await probability.getByLabel(word).fill(percent)
        await probability.getByLabel(word).press('Enter')
      }
      await page.getByRole('button', { name: 'Import 22 rows' }).click()
      await page.getByText('Imported 22 rows: 22 new, 0 updated, 0 unchanged.').waitFor()

      // Won revenue of March 2017 = the 16 won rows (all closed 2017-03-01…26):
      // 1054 + 4514 + 50 + 588 + 517 + 49 + 57 + 601 + 1026 + 53 + 5169 + 4631 + 3393 + 3284 + 61 + 46 = 25093.
      // The 3 lost rows' 0 and the open rows' blank values do not count.
      const detail = await api(page, 'GET', '/api/kpis/revenue.won?period=month&date=2017-03-15')
      expect(detail['kpi']).toMatchObject({ value: { kind: 'value', value: 25093 } })
      expect(await wonRevenueDial(page, '2017-03-15', /^Won revenue: /)).toMatch(/^Won revenue: €25,093/)
      // GTXPro's won row (Z063OYW0, 4514) is GTX Pro's; the open deal's unknown amount stays unknown.
      const exported = await page.evaluate(() => fetch('/api/export/deals.csv').then((r) => r.text()))
      expect(exported.split('\n').find((line) => line.includes('Z063OYW0'))).toContain('GTX Pro')
    } finally {
      await context.close()
      await server.stop()
    }
  })
})
