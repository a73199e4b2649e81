import type { Browser, Page } from 'playwright-core'
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

/** Presses Tab (or Shift+Tab) until the focused element's text (or label) matches; fails after 40 presses. */
async function tabTo(page: Page, name: RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab') {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press(key)
    const focused = await page.evaluate(
      () => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
    )
    if (name.test(focused.trim())) return
  }
  throw new Error(`Tab never reached ${name}`)
}

const focusedHeading = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement
    return element?.tagName === 'H1' ? element.textContent : `not a heading: ${element?.tagName}`
  })

describe('keyboard in the shell', () => {
  test("following a link with the keyboard puts focus on the new page's heading, which is announced; the first load leaves focus alone", async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.getByRole('heading', { level: 1, name: 'Team North', exact: true }).waitFor()
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('H1')

    await tabTo(page, /^My targets$/)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'My targets' }).waitFor()
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1')
    expect(await focusedHeading(page)).toBe('My targets')
    // The announcer (a visually hidden status line; Recharts' tooltip is a status too, elsewhere).
    expect(await page.locator('p.visually-hidden[role="status"]').textContent()).toBe('My targets')

    // Back to the dashboard by its nav entry: the same again, on a page whose figures load after it.
    await tabTo(page, /^Dashboard$/, 'Shift+Tab')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.textContent === 'Team North')
    await context.close()
  })

  test('the user menu opens with Enter, says who is signed in, closes with Esc and gives focus back to its button', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'rep@example.com')
    await tabTo(page, /^Account menu of /)
    await page.keyboard.press('Enter')
    const panel = page.locator('.user-menu-panel')
    await panel.waitFor()
    expect(await panel.textContent()).toMatch(/Signed in as .+rep@example\.com.*Sales rep · Team \w+/)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^My security/)
    await page.keyboard.press('Escape')
    expect(await panel.isVisible()).toBe(false)
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('user-menu-toggle')
    // Sign out is a button in the menu.
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.getByLabel('Email').waitFor()
    await context.close()
  })
})
