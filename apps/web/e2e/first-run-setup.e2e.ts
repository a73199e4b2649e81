import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

// Issue 16, first-run setup: a server of its own with DEMO_DATA=false on an empty data directory — what
// `docker compose up` gives a real team — set up in the browser by its first admin.

let browser: Browser
let server: RunningServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([openBrowser(), startServer({ env: { DEMO_DATA: 'false' } })])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('first-run setup', () => {
  test('an empty installation opens the setup page; the admin sets it up and lands signed in', async () => {
    expect(await (await fetch(`${server.baseUrl}/api/setup`)).json()).toEqual({ needed: true })
    const { context, page } = await newPage(browser, server.baseUrl)
    await page.goto('/')
    await page.getByRole('heading', { level: 1, name: 'Set up your organisation' }).waitFor()
    await page.getByLabel('Organisation name').fill('Acme Sales')
    await page.getByLabel('Time zone').fill('Europe/Amsterdam')
    await page.getByLabel('Currency').fill('EUR')
    await page.getByLabel('Fiscal year starts in').selectOption({ label: 'April' })
    await page.getByLabel('Your name').fill('Ada Admin')
    await page.getByLabel('Email').fill('ada@acme.test')
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery')
    await page.getByLabel('Password again').fill('correct horse battery')
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'setup')
    await page.getByRole('button', { name: 'Create organisation' }).click()

    await signedIn(page)
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    // The new organisation's dashboard: the default focus areas, with no figures yet.
    await page.getByText('Lead flow').first().waitFor()
    await screenshot(page, 'setup-done')

    // The session is a cookie like any sign-in: a reload keeps it.
    await page.reload()
    await signedIn(page)
    const me = await page.evaluate(async () => (await fetch('/api/me')).json())
    expect(me.user).toMatchObject({ name: 'Ada Admin', email: 'ada@acme.test', role: 'admin' })
    expect(me.organization).toMatchObject({
      name: 'Acme Sales',
      currency: 'EUR',
      timeZone: 'Europe/Amsterdam',
      fiscalYearStartMonth: 4,
    })
    await context.close()

    // Set up now: nobody else gets to do it again.
    expect(await (await fetch(`${server.baseUrl}/api/setup`)).json()).toEqual({ needed: false })
    const again = await fetch(`${server.baseUrl}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: 'kpi_csrf=t', 'x-csrf-token': 't' },
      body: JSON.stringify({
        organization: { name: 'Takeover', timeZone: 'UTC', currency: 'EUR', fiscalYearStartMonth: 1 },
        admin: { name: 'Mallory', email: 'mallory@example.test', password: 'long enough password' },
      }),
    })
    expect(again.status).toBe(409)

    // A new visitor now gets the login form, not the setup page.
    const visitor = await newPage(browser, server.baseUrl)
    await visitor.page.goto('/')
    await visitor.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor()
    await visitor.context.close()
  })
})
