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

describe('admin sections against the real API', () => {
  test('layout, targets, users & teams and settings load; a target typed in the grid is saved', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    const tabs = () => page.getByRole('navigation', { name: 'Admin' })
    await page.goto('/admin#layout')
    await login(page, 'admin@example.com')
    await page.getByRole('heading', { level: 2, name: 'Layout' }).waitFor()
    expect(await page.locator('.layout-area').count()).toBeGreaterThan(0)
    await screenshot(page, 'admin-layout')

    await tabs().getByRole('link', { name: 'Targets', exact: true }).click()
    const firstCell = page.locator('.targets-grid tbody input').first()
    await firstCell.waitFor()
    // editable once the stored targets are in (each edit is based on the version it saw)
    await page.locator('.targets-grid tbody input:not([readonly])').first().waitFor()
    await firstCell.fill('12345')
    await page.getByRole('button', { name: 'Save all (1 changed)' }).click()
    const status = page.locator('.form-actions [role="status"]')
    await status.waitFor()
    expect(await status.textContent()).toBe('Targets saved: 1.')
    expect(await firstCell.inputValue()).toBe('12345')
    await screenshot(page, 'admin-targets')

    await tabs().getByRole('link', { name: 'Users & teams', exact: true }).click()
    await page.getByRole('heading', { level: 3, name: 'Users' }).waitFor()
    expect(await page.getByRole('cell', { name: 'rep@example.com', exact: true }).count()).toBe(1)
    await screenshot(page, 'admin-users')

    await tabs().getByRole('link', { name: 'Settings', exact: true }).click()
    await page.getByLabel(/^Time zone/).waitFor()
    expect(await page.getByLabel(/^Currency/).inputValue()).toMatch(/^[A-Z]{3}$/)
    await screenshot(page, 'admin-settings')
    expect(await page.getByRole('alert').count()).toBe(0)
    await context.close()
  })
})
