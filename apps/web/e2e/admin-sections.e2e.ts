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
    // What was stored, to put back afterwards: later files (roles.e2e.ts) screenshot the dashboard it feeds.
    const stored = await firstCell.inputValue()
    await firstCell.fill('12345')
    await page.getByRole('button', { name: 'Save all (1 changed)' }).click()
    const status = page.locator('.form-actions [role="status"]')
    await status.waitFor()
    expect(await status.textContent()).toBe('Targets saved: 1.')
    expect(await firstCell.inputValue()).toBe('12345')
    await screenshot(page, 'admin-targets')
    if (stored !== '') {
      await firstCell.fill(stored)
      // The status still says "saved" from the first save: wait for this save's answer itself.
      const restored = page.waitForResponse((r) => r.url().includes('/api/targets') && r.request().method() !== 'GET')
      await page.getByRole('button', { name: 'Save all (1 changed)' }).click()
      expect((await restored).ok()).toBe(true)
    }

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

type Control = { tag: string; type: string; name: string; reached: boolean; labelled: boolean; checked: boolean }

describe('admin sections by keyboard', () => {
  test.each(['thresholds', 'layout', 'targets', 'users', 'settings'])(
    '%s: Tab reaches every control, each shows a focus ring and has a label',
    async (section) => {
      const { context, page } = await newPage(browser, baseUrl)
      await page.goto(`/admin#${section}`)
      await login(page, 'admin@example.com')
      await page.locator('.admin-body section').first().waitFor()
      await page.locator('.admin-body input, .admin-body select, .admin-body button').first().waitFor()
      // Wait for the section's data (the targets grid turns editable once its stored targets are in).
      if (section === 'targets') await page.locator('.targets-grid tbody input:not([readonly])').first().waitFor()
      await page.locator('body').focus()

      // Tab until focus leaves the admin body after having been in it; at each stop, note the element and whether
      // its focus ring is visible (an outline of 2 px or more that is not 'none').
      const rings: string[] = []
      let inside = false
      for (let presses = 0; presses < 600; presses++) {
        await page.keyboard.press('Tab')
        const stop = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null
          if (!element || !element.closest('.admin-body')) return null
          element.dataset['tabbed'] = 'yes'
          const style = getComputedStyle(element)
          const ring = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2
          const name = element.getAttribute('aria-label') ?? element.id ?? element.textContent ?? ''
          return ring ? '' : `${element.tagName} ${name} (${style.outlineStyle} ${style.outlineWidth})`
        })
        if (stop === null && inside) break
        if (stop !== null) {
          inside = true
          if (stop !== '') rings.push(stop)
        }
      }
      expect(inside).toBe(true)
      expect(rings, 'controls without a visible focus ring').toEqual([])

      const controls: Control[] = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.admin-body :is(a[href], button, input, select, textarea)')]
          .filter((element) => element.offsetParent !== null && !(element as HTMLButtonElement).disabled)
          .map((element) => {
            const field = element as HTMLInputElement
            const name = field.getAttribute('aria-label') ?? field.labels?.[0]?.textContent ?? element.textContent ?? ''
            return {
              tag: element.tagName.toLowerCase(),
              type: field.type ?? '',
              checked: field.checked === true,
              name: name.trim(),
              reached: element.dataset['tabbed'] === 'yes',
              labelled: name.trim() !== '' || element.hasAttribute('aria-labelledby'),
            }
          }),
      )
      expect(controls.length).toBeGreaterThan(3)
      // Radio buttons of one group are one Tab stop (arrow keys move within it), so only the checked one is reached.
      expect(controls.filter((c) => !c.reached && !(c.type === 'radio' && !c.checked))).toEqual([])
      expect(controls.filter((c) => !c.labelled)).toEqual([])
      if (section === 'users') {
        // The focus ring as a keyboard user sees it, on the first team's name.
        await page.getByLabel('Name of team North').focus()
        await screenshot(page, 'admin-users-keyboard')
      }
      await context.close()
    },
  )
})
