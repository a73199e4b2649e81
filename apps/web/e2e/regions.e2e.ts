import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, login, newPage, openBrowser, screenshot } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

// A server of its own (demo data, own database): the region and the teams added here would otherwise show up in
// the other stories' pickers and team lists.
let server: RunningServer
let baseUrl: string
let browser: Browser

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), openBrowser()])
  baseUrl = server.baseUrl
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Adds a team of this test's own on the Users & teams page (the demo's teams are shared with other stories). */
async function addTeam(page: Page, label: string, name: string) {
  await page.getByLabel(label, { exact: true }).fill(name)
  await page.getByLabel(label, { exact: true }).press('Enter')
  await page.getByRole('textbox', { name: new RegExp(name) }).waitFor()
}

describe('regions', () => {
  test('an admin creates a region, puts two teams in it and opens its dashboard (en, then nl on a phone)', async () => {
    // Fixed names (the server is this file's own), so the screenshot is the same on every run.
    const region = 'Benelux'
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/admin#users')
    await login(page, 'admin@example.com')
    await page.getByRole('heading', { level: 3, name: 'Regions' }).waitFor()

    await page.getByLabel('New region').fill(region)
    await page.getByLabel('New region').press('Enter')
    await page.getByLabel(`Name of region ${region}`).waitFor()
    for (const team of ['Alpha', 'Bravo']) {
      await addTeam(page, 'New team', team)
      const row = page.getByLabel(`Name of team ${team}`).locator('xpath=ancestor::tr')
      await row.getByLabel(`Region of ${team}`).selectOption({ label: region })
      await row.getByRole('button', { name: 'Save' }).click()
      await row.getByRole('status').waitFor()
    }

    // A fresh load asks who the admin is again, and the Show picker now offers the region.
    await page.goto('/')
    const show = page.getByRole('combobox', { name: 'Show' })
    await show.selectOption({ label: `Region ${region}` })
    await page.waitForURL(/scope=region%3A\d+|scope=region:\d+/)
    const url = new URL(page.url())
    const scope = url.searchParams.get('scope')!
    expect(scope).toMatch(/^region:\d+$/)
    await page.locator('[role="img"][aria-label*="target"]').first().waitFor()
    await context.close()

    // The same dashboard in Dutch on a phone: the picker names the region "Regio …", and nothing scrolls sideways.
    const nl = await newPage(browser, baseUrl, { locale: 'nl-NL' })
    await nl.page.setViewportSize({ width: 390, height: 844 })
    await nl.page.goto(`/?scope=${scope}`)
    // The Dutch login form (support/browser.ts's login reads the English labels).
    await nl.page.getByLabel('E-mail', { exact: true }).fill('admin@example.com')
    await nl.page.getByLabel('Wachtwoord', { exact: true }).fill(DEMO_PASSWORD)
    await nl.page.getByRole('button', { name: 'Inloggen' }).click()
    const picker = nl.page.getByRole('combobox', { name: 'Toon' })
    await picker.waitFor()
    expect(await picker.locator('option:checked').textContent()).toBe(`Regio ${region}`)
    await nl.page.locator('[role="img"]').first().waitFor()
    expect(await nl.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(nl.page, 'region-dashboard-phone-nl')
    await nl.context.close()
  })
})
