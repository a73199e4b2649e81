import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { SCREENSHOT_DIR, login, newPage, openBrowser } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// A4 at 96 dpi: 210 mm = 794 px wide, 297 mm = 1123 px high.
const A4 = { width: 794, height: 1123 }

describe('printing the dashboard', () => {
  test('paper shows the figures only: no navigation or buttons, black text, no gauge split by a page break', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.locator('.gauge').first().waitFor()
    await page.setViewportSize(A4)
    await page.emulateMedia({ media: 'print' })

    for (const part of ['.shell-header', '.figure-controls', '.skip-link']) {
      expect(await page.locator(part).isVisible(), part).toBe(false)
    }
    // A gauge's title is a button on screen (it opens the KPI) and prints as its plain title; no other button shows.
    const buttons = await page
      .locator('button:visible')
      .evaluateAll((all) => all.filter((b) => !b.classList.contains('gauge-open')).map((b) => b.textContent))
    expect(buttons).toEqual([])
    const textColours = await page.evaluate(() =>
      [
        ...document.querySelectorAll(
          'h1, .page-sub, .focus-area-head h2, .gauge-title, .gauge-value, .gauge-facts p, .gauge-status, .gauge-actions',
        ),
      ].map((element) => getComputedStyle(element).color),
    )
    expect(textColours.length).toBeGreaterThan(10)
    expect(new Set(textColours)).toEqual(new Set(['rgb(0, 0, 0)']))
    const breaks = await page
      .locator('.gauge, .focus-area')
      .evaluateAll((all) => all.map((element) => getComputedStyle(element).breakInside))
    expect(new Set(breaks)).toEqual(new Set(['avoid']))

    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dashboard-print.png'), fullPage: true })
    // The real paginated output, for a person to look at; the count of pages is a cheap check that it rendered.
    const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } })
    writeFileSync(path.join(tmpdir(), 'dashboard-print.pdf'), pdf)
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0
    expect(pages).toBeGreaterThan(0)
    await context.close()
  })
})
