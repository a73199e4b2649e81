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

type GaugeState = { title: string; status: string; label: string }

/** Every gauge on the open dashboard: its title, status (data-status) and spoken summary. */
async function gauges(page: Page): Promise<GaugeState[]> {
  await page.locator('article.gauge [role="img"]').first().waitFor()
  return page.locator('article.gauge').evaluateAll((els) =>
    els.map((el) => ({
      title: el.querySelector('.gauge-title')?.textContent?.trim() ?? '',
      status: el.getAttribute('data-status') ?? '',
      label: el.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '',
    })),
  )
}

describe('thresholds', () => {
  test("an admin changes a threshold and the manager's gauge changes colour", async () => {
    const manager = await newPage(browser, baseUrl)
    await manager.page.goto('/')
    await login(manager.page, 'manager@example.com')
    const before = await gauges(manager.page)
    // A gauge compared with a target; a non-green one turns green under "green from 0 %", a green one turns red
    // under "green from / orange from 100,000 %" (no real figure reaches 1000× its target).
    // Only gauges compared with a target ("…: X of Y target…"): a relative threshold needs one.
    const hasTarget = (g: GaugeState) => / of .+ target/.test(g.label)
    const gauge =
      before.find((g) => (g.status === 'red' || g.status === 'orange') && hasTarget(g)) ??
      before.find((g) => g.status === 'green' && hasTarget(g))
    expect(gauge).toBeDefined()
    const wanted = gauge!.status === 'green' ? 'red' : 'green'
    const bound = wanted === 'green' ? '0' : '100000'

    const admin = await newPage(browser, baseUrl)
    await admin.page.goto('/admin#thresholds')
    await login(admin.page, 'admin@example.com')
    await admin.page.getByLabel('KPI', { exact: true }).selectOption({ label: gauge!.title })
    const form = admin.page.getByRole('form', { name: gauge!.title, exact: true })
    // What was stored, to put back afterwards: later files (roles.e2e.ts) screenshot this dashboard.
    const stored = {
      relative: await form.getByLabel('Relative to target').isChecked(),
      orange: await form.getByLabel(/^Orange from/).inputValue(),
      green: await form.getByLabel(/^Green from/).inputValue(),
    }
    await form.getByLabel('Relative to target').check()
    await form.getByLabel(/^Orange from/).fill(bound)
    await form.getByLabel(/^Green from/).fill(bound)
    // The live preview follows the typed bounds before anything is saved (sample 80 of 100).
    expect(await form.getByTestId('preview-status').getAttribute('data-status')).toBe(wanted)
    await screenshot(admin.page, 'admin-thresholds')
    await form.getByRole('button', { name: 'Save' }).click()
    await form.getByText('Saved').waitFor()

    await manager.page.reload()
    const after = await gauges(manager.page)
    expect(after.find((g) => g.title === gauge!.title)?.status).toBe(wanted)
    await screenshot(manager.page, 'admin-threshold-effect-manager')

    await form.getByLabel(stored.relative ? 'Relative to target' : 'Absolute value').check()
    await form.getByLabel(/^Orange from/).fill(stored.orange)
    await form.getByLabel(/^Green from/).fill(stored.green)
    // "Saved" may still show from the first save: wait for this save's answer itself.
    const restored = admin.page.waitForResponse(
      (r) => r.url().includes('/api/thresholds') && r.request().method() !== 'GET',
    )
    await form.getByRole('button', { name: 'Save' }).click()
    expect((await restored).status()).toBe(200)
    await manager.page.reload()
    expect((await gauges(manager.page)).find((g) => g.title === gauge!.title)?.status).toBe(gauge!.status)
    await manager.context.close()
    await admin.context.close()
  })

  test('two admins edit the same threshold: the later save is told, keeps what was typed, and can overwrite', async () => {
    const first = await newPage(browser, baseUrl)
    const second = await newPage(browser, baseUrl)
    for (const { page } of [first, second]) {
      await page.goto('/admin#thresholds')
      await login(page, 'admin@example.com')
      await page.getByLabel('KPI', { exact: true }).selectOption({ label: 'Won revenue' })
    }
    const formOf = (page: Page) => page.getByRole('form', { name: 'Won revenue', exact: true })
    await formOf(first.page)
      .getByLabel(/^Green from/)
      .fill('95')
    await formOf(first.page).getByRole('button', { name: 'Save' }).click()
    await formOf(first.page).getByText('Saved').waitFor()

    // The second admin still has the version from before the first save.
    const stale = formOf(second.page)
    await stale.getByLabel(/^Green from/).fill('105')
    await stale.getByRole('button', { name: 'Save' }).click()
    const alert = stale.getByRole('alert')
    await alert.getByText('Someone else changed this since you opened it').waitFor()
    const greenRow = alert.getByRole('row', { name: /^Green from/ })
    expect(await greenRow.getByRole('cell').allTextContents()).toEqual(['105', '95'])
    expect(await stale.getByLabel(/^Green from/).inputValue()).toBe('105')
    await screenshot(second.page, 'admin-threshold-conflict')
    await stale.getByRole('button', { name: 'Keep mine (overwrite)' }).click()
    await stale.getByText('Saved').waitFor()

    await first.page.reload()
    await first.page.getByLabel('KPI', { exact: true }).selectOption({ label: 'Won revenue' })
    expect(
      await formOf(first.page)
        .getByLabel(/^Green from/)
        .inputValue(),
    ).toBe('105')
    await first.context.close()
    await second.context.close()
  })
})
