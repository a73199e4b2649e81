import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// The admin sections' keyboard test covers their controls; this one covers the global rule outside admin, where the
// date input once had no ring (Chromium focuses its day/month/year fields, never the input itself).
describe('focus ring outside admin', () => {
  test("the dashboard's period controls (selects, buttons, date input) each show a ring when tabbed to", async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.locator('.figure-controls input[type="date"]').waitFor()
    await page.locator('body').focus()

    // Tab until focus has been in the controls and left them; at each stop note the control and its outline.
    const stops: { control: string; ring: boolean }[] = []
    for (let presses = 0; presses < 60; presses++) {
      await page.keyboard.press('Tab')
      const stop = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null
        if (!element?.closest('.figure-controls')) return null
        const style = getComputedStyle(element)
        const type = element.getAttribute('type')
        return {
          control: `${element.tagName.toLowerCase()}${type ? `[${type}]` : ''}`,
          ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
        }
      })
      if (stop === null && stops.length > 0) break
      if (stop !== null) stops.push(stop)
    }
    // The manager's controls: scope, period type, ‹ (the next period, ›, is disabled: it lies in the future), date,
    // wallboard link.
    expect(stops.map((s) => s.control)).toContain('input[date]')
    expect(stops.filter((s) => s.control === 'select')).toHaveLength(2)
    expect(stops.filter((s) => !s.ring)).toEqual([])
    await context.close()
  })
})
