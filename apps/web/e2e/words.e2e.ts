import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

// Issue 18, words: the product in Dutch — long KPI names break at word boundaries on a phone, and an admin's
// thresholds form speaks Dutch and takes action points in both languages. Its own server: the test writes a threshold.
let browser: Browser
let server: RunningServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([openBrowser(), startServer()])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function loginInDutch(page: Page, email: string): Promise<void> {
  await page.getByLabel('E-mail', { exact: true }).fill(email)
  await page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
  await signedIn(page)
}

describe('words (nl)', () => {
  test('on a 360 and a 390 px phone in Dutch, no gauge title is wider than its card', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { locale: 'nl-NL' })
    await page.goto('/')
    await loginInDutch(page, 'manager@example.com')
    await page.locator('article.gauge [role="img"]').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl')
    for (const width of [390, 360]) {
      await page.setViewportSize({ width, height: 844 })
      const overflowing = await page
        .locator('.gauge-title')
        .evaluateAll((titles) =>
          titles
            .filter((t) => t.scrollWidth > t.clientWidth || t.scrollWidth > t.closest('article')!.clientWidth)
            .map((t) => t.textContent),
        )
      expect(overflowing, `${width} px`).toEqual([])
    }
    // The long compounds are there to break: Scorings-percentage, Arbeids-efficiëntie.
    const titles = await page.locator('.gauge-title').allTextContents()
    expect(titles.some((t) => t.includes('Scorings\u00adpercentage'))).toBe(true)
    await page.locator('.gauge-title', { hasText: 'Scorings\u00adpercentage' }).first().scrollIntoViewIfNeeded()
    await screenshot(page, 'nl-hyphenation')

    // Bullet graphs: the same break points, and their titles fit a phone too. (Its own server: the choice is stored.)
    const styles = page.getByRole('group', { name: "KPI's tonen als" })
    await styles.getByRole('button', { name: 'Bulletgrafieken' }).click()
    await page.locator('article.bullet').first().waitFor()
    for (const width of [390, 360]) {
      await page.setViewportSize({ width, height: 844 })
      const overflowing = await page
        .locator('.bullet-title')
        .evaluateAll((titles) =>
          titles
            .filter((t) => t.scrollWidth > t.clientWidth || t.scrollWidth > t.closest('article')!.clientWidth)
            .map((t) => t.textContent),
        )
      expect(overflowing, `bullets, ${width} px`).toEqual([])
    }
    expect(await page.locator('.bullet-title').allTextContents()).toContain('Scorings\u00adpercentage')
    await styles.getByRole('button', { name: 'Meters' }).click()
    await page.locator('article.gauge').first().waitFor()
    await context.close()
  })

  test('the Dutch thresholds form says in Dutch what is wrong and keeps action points per language', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { locale: 'nl-NL' })
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto('/admin#thresholds')
    await loginInDutch(page, 'admin@example.com')
    await page.getByLabel('KPI', { exact: true }).selectOption({ label: 'Scoringspercentage' })
    const form = page.getByRole('form', { name: 'Scoringspercentage', exact: true })
    await form.getByLabel('Ten opzichte van het doel').check()
    await form.getByLabel(/^Oranje vanaf/).fill('90')
    await form.getByLabel(/^Groen vanaf/).fill('80')
    await form.getByText('Groen vanaf moet minstens gelijk zijn aan „Oranje vanaf”').waitFor()
    await form.getByLabel(/^Groen vanaf/).fill('100')

    await form.getByRole('button', { name: 'Nederlands' }).click()
    await form.getByLabel(/^Actiepunten bij rood .*\(Nederlands\)/).fill('Bespreek elke verloren deal met je manager')
    await form.getByRole('button', { name: 'English' }).click()
    await form.getByLabel(/^Actiepunten bij rood .*\(English\)/).fill('Review every lost deal with your manager')
    const saved = page.waitForResponse((r) => r.url().includes('/api/thresholds/') && r.request().method() === 'PUT')
    await form.getByRole('button', { name: 'Opslaan' }).click()
    const body = await (await saved).json()
    expect(body.actions.red).toEqual(['Review every lost deal with your manager'])
    expect(body.actionsNl.red).toEqual(['Bespreek elke verloren deal met je manager'])
    await screenshot(page, 'nl-threshold-form')
    await context.close()
  })
})
