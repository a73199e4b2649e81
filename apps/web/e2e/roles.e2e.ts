import { getKpi } from '@kpi/domain/kpis/registry'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot, signOut } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('each role sees what it may', () => {
  test('the manager sees the team dashboard with gauges that carry a status label', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await screenshot(page, 'login')
    await login(page, 'manager@example.com')
    await page.getByRole('heading', { level: 1, name: 'Team North', exact: true }).waitFor()
    const gauges = page.locator('[role="img"][aria-label*="target"]')
    await gauges.first().waitFor()
    expect(await gauges.count()).toBeGreaterThan(3)
    // The accessible name ends with the status: "…, green|orange|red…"; colour is never the only signal.
    const names = await gauges.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''))
    expect(names.some((name) => /(green|orange|red)/.test(name))).toBe(true)
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).count(),
    ).resolves.toBe(0)
    await screenshot(page, 'dashboard-manager')
    await context.close()
  })

  test('the rep has no Admin entry and gets a friendly message for another scope by URL', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/?scope=org')
    await login(page, 'rep@example.com')
    await page.getByRole('alert').getByText('You may not view these figures').waitFor()
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'My targets', 'Security'])
    await screenshot(page, 'rep-forbidden')
    await context.close()
  })

  test('the rep who opens /admin by URL is told it is not for their role, with no form to fill', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/admin#users')
    await login(page, 'rep@example.com')
    await page.getByRole('heading', { level: 1, name: 'This page is not for your role' }).waitFor()
    expect(await page.getByRole('button', { name: /save/i }).count()).toBe(0)
    expect(await page.locator('form').count()).toBe(0)
    await context.close()
  })

  test('the manager who opens /admin by URL gets the sections the API lets a manager save', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/admin#thresholds')
    await login(page, 'manager@example.com')
    const tabs = page.getByRole('navigation', { name: 'Admin' }).getByRole('link')
    await tabs.first().waitFor()
    expect(await tabs.allTextContents()).toEqual(['Targets', 'Import & export'])
    await context.close()
  })

  test('the admin sees the Admin entry and the whole organisation', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/?scope=org')
    await login(page, 'admin@example.com')
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Dashboard', 'My targets', 'Admin', 'Security'])
    await page.locator('.focus-area [role="img"]').first().waitFor()
    await screenshot(page, 'dashboard-admin-org')
    await context.close()
  })
})

describe('session', () => {
  test('sign out shows the login form; signing in again returns to the same page', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/?period=week')
    await login(page, 'manager@example.com')
    await signOut(page)
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await login(page, 'manager@example.com')
    expect(new URL(page.url()).search).toBe('?period=week')
    await page.locator('.focus-area [role="img"]').first().waitFor()
    await context.close()
  })

  test('an expired session (cookie gone) leads to login and back to the page', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/?period=quarter')
    await login(page, 'manager@example.com')
    await context.clearCookies()
    await page.getByLabel('Period', { exact: true }).selectOption('year')
    await page.getByText('Your session has ended').waitFor()
    await login(page, 'manager@example.com')
    expect(new URL(page.url()).search).toBe('?period=year')
    await context.close()
  })

  test('switching to Dutch changes labels and number formats', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.locator('.focus-area [role="img"]').first().waitFor()
    // The language switch is in the user menu once signed in.
    await page.locator('.user-menu-toggle').click()
    await page.getByRole('button', { name: 'NL' }).click()
    // The heading names the team ("Team North") in both languages: wait for the Dutch page itself.
    await page.waitForFunction(() => document.documentElement.lang === 'nl')
    await page.getByRole('heading', { level: 1, name: 'Team North', exact: true }).waitFor()
    // Dutch money reads "€ 84.000" (dot for thousands); wait until the refetched Dutch figures are in.
    await page
      .locator('.focus-area')
      .getByText(/€\s?\d{1,3}\.\d{3}/)
      .first()
      .waitFor()
    // KPI names come from the API in the requested language, e.g. "Gewonnen omzet" for revenue.won.
    await page.locator('.focus-area').getByText(getKpi('revenue.won').name.nl, { exact: true }).first().waitFor()
    await screenshot(page, 'dashboard-nl')
    await context.close()
  })
})
