import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot, SCREENSHOT_DIR } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// The demo data covers the 24 months up to today, so 2020 is empty until a test fills one of its months: the
// manager of North books 12 won deals for three of the team's reps (the first three by name, A, B, C):
//   A: 6 × 1 000 = 6 000     B: 3 000 + 3 × 2 000 = 9 000     C: 1 500 + 1 000 = 2 500     everyone else: 0
// Leaderboard, best first: B (1), A (2), C (3), then the rest at 0, sharing rank 4, by name.
// Each test books its own month, so none depends on another having run (or passed) before it.
const JANUARY = '2020-01-15'
const FEBRUARY = '2020-02-15'
const plan = (reps: string[]) => [
  ...[1, 2, 3, 4, 5, 6].map((day) => ({ owner: reps[0]!, amount: 1000, day })),
  ...[
    [3000, 7],
    [2000, 8],
    [2000, 9],
    [2000, 10],
  ].map(([amount, day]) => ({ owner: reps[1]!, amount: amount!, day: day! })),
  { owner: reps[2]!, amount: 1500, day: 11 },
  { owner: reps[2]!, amount: 1000, day: 12 },
]

type Row = { key: string; name: string }

/** Books the plan in the month of `date` through the API as the signed-in manager (CSRF from the readable cookie). */
async function bookMonth(page: Page, date: string): Promise<Row[]> {
  const month = date.slice(0, 7)
  const detail = await page.request.get(`/api/kpis/revenue.won?scope=team:1&period=month&date=${date}`)
  expect(detail.status()).toBe(200)
  const reps = ((await detail.json()) as { byRep: Row[] }).byRep
  expect(reps.length).toBeGreaterThan(3)
  const csrf = (await page.context().cookies()).find((c) => c.name === 'kpi_csrf')!.value
  for (const deal of plan(reps.map((r) => r.key))) {
    const response = await page.request.post('/api/deals', {
      headers: { 'x-csrf-token': csrf },
      data: {
        name: `E2E ${deal.owner} ${deal.day}`,
        type: 'NEW_BUSINESS',
        stage: 'won',
        probability: 100,
        status: 'WON',
        amount: `${deal.amount}.00`,
        ownerId: Number(deal.owner.slice(4)),
        createdAt: '2019-12-01T10:00:00Z',
        closedAt: `${month}-${String(deal.day).padStart(2, '0')}T10:00:00Z`,
      },
    })
    expect(response.status(), await response.text()).toBe(201)
  }
  return reps
}

/** The whole page (the leaderboard and records sit below the fold), in docs/screenshots like the others. */
async function fullPageScreenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/**
 * The records section of the period on screen: its table, or the empty state when nothing counts yet (this month
 * on its first morning has no won deal).
 */
const recordsShown = (page: Page, section: string) =>
  page.getByRole('region', { name: section, exact: true }).locator('table, .empty-state').first().waitFor()

const rowsOf = (page: Page, table: string) =>
  page
    .getByRole('table', { name: table, exact: true })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent?.trim())))

describe('KPI detail', () => {
  test('a manager opens won revenue from its gauge: trend, leaderboard, records paged and sorted, CSV downloads', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.getByRole('button', { name: 'Won revenue', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Won revenue' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/kpi/revenue.won')
    await page.getByRole('img', { name: /^Won revenue over the last 12 periods: / }).waitFor()
    // The actual line with a dot per period. (Not `.recharts-line` on its own: the first is the target line, which
    // is flat — so zero pixels high, "hidden" to Playwright — whenever the 12 periods share one target.)
    await page.locator('.recharts-line-curve[name="Actual"]').waitFor()
    // Finished periods are dots on the solid line; the running one (the month the clock is in) is the hollow point at
    // the end of the dashed "so far" segment (decision 32): twelve periods in all.
    // (Recharts puts each line's dots in a group beside its curve: the actual line's are the ones of radius 3.)
    const finished = page.locator('.recharts-line-dots circle[r="3"]')
    const running = page.locator('[data-part="running-point"]')
    expect((await finished.count()) + (await running.count())).toBe(12)
    await page.getByRole('table', { name: 'Leaderboard' }).waitFor()
    await recordsShown(page, 'Records behind the number')
    await fullPageScreenshot(page, 'kpi-detail')

    const reps = await bookMonth(page, JANUARY)
    const [a, b, c, ...rest] = reps.map((r) => r.name)
    // The person moves to January 2020 with the page's own date picker.
    await page.getByLabel('Date', { exact: true }).fill(JANUARY)
    await page.getByText('January 2020').first().waitFor()
    await page.getByRole('cell', { name: '€9,000' }).waitFor()
    const board = await rowsOf(page, 'Leaderboard')
    expect(board.map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      `1 ${b} €9,000`,
      `2 ${a} €6,000`,
      `3 ${c} €2,500`,
      ...[...rest].sort((x, y) => x.localeCompare(y)).map((name) => `4 ${name} €0`),
    ])

    // 12 records: 10 on the first page, 2 on the second; newest (12 January) first by default.
    await page.getByLabel('Rows per page').selectOption('10')
    await page.getByText('Page 1 of 2').waitFor()
    await page.getByText('12 records').waitFor()
    expect((await rowsOf(page, 'Records behind the number')).length).toBe(10)
    await page.getByLabel('Next page').click()
    await page.getByText('Page 2 of 2').waitFor()
    const second = await rowsOf(page, 'Records behind the number')
    // Closed 2 and 1 January: two of A's 1 000 deals.
    expect(second.map((r) => [r[1], r[4], r[6]])).toEqual([
      [a, '€1,000', '2 Jan 2020'],
      [a, '€1,000', '1 Jan 2020'],
    ])
    // Sorting by amount (descending after two clicks) puts B's 3 000 first and goes back to page 1.
    const amount = page.getByRole('columnheader', { name: /Amount/ })
    await amount.getByRole('button').click()
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Amount' }).waitFor()
    await amount.getByRole('button').click()
    await page.locator('th[aria-sort="descending"]', { hasText: 'Amount' }).waitFor()
    expect((await rowsOf(page, 'Records behind the number'))[0]!.slice(1, 5)).toEqual([
      b,
      'New business',
      'Won',
      '€3,000',
    ])
    expect(new URL(page.url()).searchParams.get('sort')).toBe('-amount')

    // The records as CSV: every row (not one page), sorted like the table, amounts unformatted.
    const [records] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download records (CSV)' }).click(),
    ])
    const recordsCsv = readFileSync((await records.path())!, 'utf8').replace(/^\uFEFF/, '')
    const lines = recordsCsv.trim().split('\r\n')
    expect(lines[0]!.startsWith('externalId,name,ownerEmail,')).toBe(true)
    expect(lines).toHaveLength(13)
    expect(lines[1]).toMatch(/,NEW_BUSINESS,won,100,WON,3000\.00,/)
    // The leaderboard as CSV: one line per rep with value, target and status.
    const [breakdown] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('region', { name: 'Leaderboard' }).getByRole('link', { name: 'Download (CSV)' }).click(),
    ])
    const breakdownCsv = readFileSync((await breakdown.path())!, 'utf8').replace(/^\uFEFF/, '')
    expect(breakdownCsv).toContain('revenue.won,team:1,2020-01,total,team:1,,17500,')
    expect(breakdownCsv).toContain(`revenue.won,team:1,2020-01,rep,${reps[1]!.key},${b},9000,,,no-target`)

    // A rep's name opens that rep's own detail of the same KPI and month.
    await page.getByRole('link', { name: `Open the figures of ${c}` }).click()
    await page.getByText(`Rep ${c}`).first().waitFor()
    await page.getByText('2 records').waitFor()
    await context.close()
  })

  test('in Dutch: labels, month and money formatted for nl', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto(`/kpi/revenue.won?scope=team:1&period=month&date=${FEBRUARY}`)
    await login(page, 'manager@example.com')
    await bookMonth(page, FEBRUARY)
    await page.reload()
    // The language switch is in the user menu once signed in.
    await page.locator('.user-menu-toggle').click()
    await page.getByRole('button', { name: 'NL' }).click()
    await page.getByRole('heading', { level: 1, name: 'Gewonnen omzet' }).waitFor()
    await page
      .getByRole('table', { name: 'Ranglijst' })
      .getByText(/€\s?9\.000/)
      .waitFor()
    await page.getByText('februari 2020').first().waitFor()
    await page.getByRole('tab', { name: 'Klantsegment' }).waitFor()
    await page.getByText('12 records').waitFor()
    await page.getByRole('link', { name: 'Records downloaden (CSV)' }).waitFor()
    // This month, with the demo's figures, for the picture.
    await page.goto('/kpi/revenue.won?scope=team:1&period=month')
    await page.getByRole('img', { name: /^Gewonnen omzet over de laatste 12 perioden: / }).waitFor()
    await recordsShown(page, 'Records achter het getal')
    await screenshot(page, 'kpi-detail-nl')
    await context.close()
  })
})
