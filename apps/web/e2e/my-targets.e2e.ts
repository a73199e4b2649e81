import type { Browser } from 'playwright-core'
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

/** The leading number of a gauge's accessible name: "Meetings: 12 of 20 target …" → 12. */
function leadingNumber(label: string): number {
  const match = /:\s*([\d.,]+)/.exec(label)
  return Number((match?.[1] ?? 'NaN').replace(/,/g, ''))
}

describe('My targets', () => {
  test('a rep logs a meeting and the meetings gauge goes up by one', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/my-targets')
    await login(page, 'rep@example.com')
    const gauge = page.getByRole('img', { name: /^Meetings: / })
    await gauge.waitFor()
    const before = leadingNumber((await gauge.getAttribute('aria-label')) ?? '')
    expect(Number.isFinite(before)).toBe(true)
    await screenshot(page, 'my-targets-rep')
    await page.getByLabel('Type').selectOption('MEETING')
    await page.getByRole('button', { name: 'Log activity' }).click()
    await page.getByText('Saved. Your gauges are being updated.').waitFor()
    // before + 1: the one meeting just logged, happening now, inside the current month.
    await page.getByRole('img', { name: new RegExp(`^Meetings: ${before + 1} `) }).waitFor()
    await context.close()
  })
})
