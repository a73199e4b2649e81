import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { SCREENSHOT_DIR, login, newPage, openBrowser } from './support/browser.ts'
import { startServer } from './support/server.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// A4 at 96 dpi: 210 mm = 794 px wide, 297 mm = 1123 px high; the PDF keeps 12 mm margins on every side.
const A4 = { width: 794, height: 1123 }
const MARGIN = { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' }

/** Pages in Chromium's PDF of the page as printed on A4. */
async function printedPages(page: Page): Promise<number> {
  const pdf = await page.pdf({ format: 'A4', margin: MARGIN })
  return pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0
}

/** What paper must not show: the app's header (navigation, user menu, Sign out), pickers and buttons (a gauge's title and a sort button print as text). */
async function screenOnlyShown(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      ...document.querySelectorAll(
        '.shell-header, nav, select, input, button:not(.gauge-open, .sort-button), .user-menu',
      ),
    ]
      .filter((element) => element.getBoundingClientRect().height > 0)
      .map((element) => element.tagName.toLowerCase() + (element.className ? `.${element.className}` : '')),
  )
}

describe('printing', () => {
  test('the dashboard prints densely on at most two A4 pages, under a header naming the team, the period and the print date', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.locator('.gauge').first().waitFor()
    const period = (await page.locator('.page-head .page-sub').textContent())!
    await page.setViewportSize(A4)
    await page.emulateMedia({ media: 'print' })

    const header = page.locator('.print-header')
    expect(await header.isVisible()).toBe(true)
    const headerText = (await header.getAttribute('data-text'))!
    // The manager of North, on their default scope; the date is whatever the (pinned) clock says, so only its shape.
    expect(headerText).toContain('Team North')
    expect(headerText).toContain(period)
    expect(headerText).toMatch(/Printed \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/)
    expect(await screenOnlyShown(page)).toEqual([])
    const breaks = await page
      .locator('.gauge, .focus-area')
      .evaluateAll((all) => all.map((element) => getComputedStyle(element).breakInside))
    expect(new Set(breaks)).toEqual(new Set(['avoid']))
    // Six focus areas took four half-empty pages; two areas side by side fit them on two.
    expect(await printedPages(page)).toBeLessThanOrEqual(2)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'print-dashboard.png'), fullPage: true })
    await context.close()
  })

  test('the KPI detail prints without navigation, pickers or Sign out, and its trend keeps the last period on the paper', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    // Printing lays the page out again for the paper but runs no resize callbacks, so a chart keeps the width it
    // was measured at on screen. The same here: once "printing", resize callbacks are dropped.
    await context.addInitScript(() => {
      const Native = window.ResizeObserver
      window.ResizeObserver = class extends Native {
        constructor(callback: ResizeObserverCallback) {
          super((entries, observer) => {
            if (!('printing' in window)) callback(entries, observer)
          })
        }
      }
    })
    await page.goto('/kpi/revenue.won')
    await login(page, 'manager@example.com')
    await page.locator('.trend-chart .recharts-wrapper > svg').waitFor()
    const screenWidth = (await page.locator('.trend-chart .recharts-wrapper > svg').boundingBox())!.width
    await page.evaluate(() => Object.assign(window, { printing: true }))
    await page.setViewportSize(A4)
    await page.emulateMedia({ media: 'print' })

    expect(await screenOnlyShown(page)).toEqual([])
    // Sort buttons are the records table's column headings: they print as text.
    const hiddenHeadings = await page
      .locator('.sort-button')
      .evaluateAll((all) => all.filter((b) => b.getBoundingClientRect().height === 0).map((b) => b.textContent))
    expect(hiddenHeadings).toEqual([])
    expect(await page.getByText('Back to the dashboard').isVisible()).toBe(false)
    expect(await page.locator('.print-header').getAttribute('data-text')).toMatch(/^Team North · /)
    // The chart was drawn for a 1280 px screen: on paper it must still end on the screen's (and paper's) right edge.
    const chart = await page.locator('.trend-chart .recharts-wrapper > svg').boundingBox()
    const ticks = page.locator('.trend-chart .recharts-xAxis-tick-labels text')
    const lastTick = await ticks.last().boundingBox()
    const main = await page.locator('#main').boundingBox()
    expect(screenWidth).toBeGreaterThan(main!.width)
    expect(chart!.x + chart!.width).toBeLessThanOrEqual(main!.x + main!.width + 1)
    expect(chart!.width).toBeGreaterThan(main!.width / 2)
    expect(chart!.height).toBeGreaterThan(100)
    expect(lastTick!.x + lastTick!.width).toBeLessThanOrEqual(main!.x + main!.width + 1)
    // Twelve months are drawn, the period in view the last of them.
    expect(await ticks.count()).toBeGreaterThanOrEqual(6)
    // The chart is drawn for the paper's width, so its axis text prints at about its screen size (12 px), not the
    // 7 px it shrank to when the screen's chart was scaled down.
    const tickSizes = await ticks.evaluateAll((all) =>
      all.map((text) => {
        const svg = text.closest('svg')!
        const scale = svg.getBoundingClientRect().width / Number(svg.getAttribute('width'))
        return Number.parseFloat(getComputedStyle(text).fontSize) * scale
      }),
    )
    expect(Math.min(...tickSizes)).toBeGreaterThanOrEqual(10)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'print-kpi-detail.png'), fullPage: true })
    expect(await printedPages(page)).toBeGreaterThan(0)
    await context.close()
  })

  test('bullet graphs print like gauges: no row cut across two pages, the status chip black on white', async () => {
    // Its own server: the manager's choice of bullet graphs is stored and must not reach other stories.
    const server = await startServer()
    const { context, page } = await newPage(browser, server.baseUrl)
    try {
      await page.goto('/')
      await login(page, 'manager@example.com')
      await page.getByRole('group', { name: 'Show KPIs as' }).getByRole('button', { name: 'Bullet graphs' }).click()
      await page.locator('article.bullet .bullet-band').first().waitFor()
      await page.setViewportSize(A4)
      await page.emulateMedia({ media: 'print' })

      expect(await screenOnlyShown(page)).toEqual([])
      const rows = await page.locator('article.bullet').evaluateAll((all) =>
        all.map((row) => {
          const chip = getComputedStyle(row.querySelector('.gauge-status')!)
          return { breakInside: getComputedStyle(row).breakInside, chip: [chip.color, chip.backgroundColor] }
        }),
      )
      expect(rows.length).toBeGreaterThan(0)
      expect(new Set(rows.map((row) => JSON.stringify(row)))).toEqual(
        new Set([JSON.stringify({ breakInside: 'avoid', chip: ['rgb(0, 0, 0)', 'rgb(255, 255, 255)'] })]),
      )
      expect(await printedPages(page)).toBeLessThanOrEqual(3)
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'print-bullet-graphs.png'), fullPage: true })
    } finally {
      await context.close()
      await server.stop()
    }
  })
})
