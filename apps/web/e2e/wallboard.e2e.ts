import type { Browser, Page } from 'playwright-core'
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

/** The focus areas in rank order as the API answers the signed-in user now (another e2e file may edit the layout). */
async function areaNames(page: Page, search: string): Promise<string[]> {
  const response = await page.request.get(`/api/dashboard?${search}&locale=en`)
  expect(response.status()).toBe(200)
  const body = (await response.json()) as { focusAreas: { name: string; rank: number }[] }
  return [...body.focusAreas].sort((a, b) => a.rank - b.rank).map((area) => area.name)
}

describe('wallboard', () => {
  test('a manager opens it from the dashboard; it shows area 1, then area 2 after the interval; Esc leaves', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/?period=month')
    await login(page, 'manager@example.com')
    const link = page.getByRole('link', { name: 'Wallboard' })
    expect(await link.getAttribute('href')).toBe('/wallboard?period=month')
    const areas = await areaNames(page, 'period=month')
    expect(areas.length).toBeGreaterThan(1)

    await page.goto('/wallboard?period=month&every=2')
    const heading = page.getByRole('heading', { level: 1 })
    await page.getByRole('heading', { level: 1, name: areas[0], exact: true }).waitFor()
    // TV mode: no header, no navigation; the gauges of that one area, large.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0)
    await page.getByRole('region', { name: areas[0] }).getByRole('img').first().waitFor()
    await page.getByText(`Area 1 of ${areas.length}`).waitFor()
    const shownAt = Date.now()
    await page.getByRole('heading', { level: 1, name: areas[1], exact: true }).waitFor({ timeout: 10_000 })
    // ?every=2 → two seconds per area (a little less is the time spent finding the first heading).
    expect(Date.now() - shownAt).toBeGreaterThan(1_000)
    await page.getByText(`Area 2 of ${areas.length}`).waitFor()
    await page.getByRole('region', { name: areas[1] }).getByRole('img').first().waitFor()
    // Pause (pointer over the board) for a steady screenshot; the footer then says so.
    await page.mouse.move(640, 400)
    await page.getByRole('status').getByText('Paused').waitFor()
    const paused = await heading.textContent()
    await screenshot(page, 'wallboard')
    await page.waitForTimeout(2_500)
    expect(await heading.textContent()).toBe(paused)

    await page.keyboard.press('Escape')
    await page.getByRole('heading', { level: 1, name: 'Team North', exact: true }).waitFor()
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/?period=month')
    await context.close()
  })

  test('the Full screen button puts the board in browser full screen; ← and → step through the areas', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    // Sign in on the dashboard: login() waits for the shell's user menu, which the wallboard does not show.
    await page.goto('/')
    await login(page, 'manager@example.com')
    const areas = await areaNames(page, 'period=month')
    await page.goto('/wallboard?every=60')
    await page.getByRole('heading', { level: 1, name: areas[0], exact: true }).waitFor()
    await page.getByRole('button', { name: 'Full screen' }).click()
    await page.waitForFunction(() => document.fullscreenElement === document.documentElement)
    await page.keyboard.press('ArrowRight')
    await page.getByRole('heading', { level: 1, name: areas[1], exact: true }).waitFor()
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    await page.getByRole('heading', { level: 1, name: areas.at(-1)!, exact: true }).waitFor()
    await context.close()
  })
})

describe('tablet', () => {
  test('the dashboard at 768, 820 and 1024 px wide has no sideways scroll and every control in view', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    for (const [width, height] of [
      [1024, 768],
      [768, 1024],
      [820, 1180],
    ] as const) {
      await page.setViewportSize({ width, height })
      await page.locator('.focus-area [role="img"]').first().waitFor()
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, `${width} px`).toBe(0)
      for (const control of [
        page.getByLabel('Show', { exact: true }),
        page.getByLabel('Period', { exact: true }),
        page.getByRole('button', { name: 'Next period' }),
        page.getByRole('link', { name: 'Wallboard' }),
        page.locator('.user-menu-toggle'),
      ]) {
        const box = await control.boundingBox()
        expect(box && box.x >= 0 && box.x + box.width <= width, `${width} px`).toBe(true)
      }
    }
    await screenshot(page, 'dashboard-tablet')
    await context.close()
  })
})
