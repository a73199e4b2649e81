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

// The narrowest phone we design for (a small Android); iPhones are 375–430 px wide.
const PHONE = { width: 360, height: 740 }

// Every page of the route tree (apps/web/src/routes/route-tree.tsx) each role may open; admin sections by their hash.
const PAGES = {
  admin: [
    '/',
    '/kpi/revenue.won',
    '/my-targets',
    '/admin#thresholds',
    '/admin#layout',
    '/admin#targets',
    '/admin#users',
    '/admin#settings',
    '/admin/products',
    '/admin/digests',
    '/admin/import',
    '/me/security',
    '/me/digest',
    '/wallboard',
  ],
  manager: [
    '/',
    '/kpi/revenue.won',
    '/kpi/deals.win_rate',
    '/my-targets',
    '/team',
    '/admin',
    '/admin/import',
    '/me/security',
    '/me/digest',
    '/wallboard',
  ],
  rep: ['/', '/kpi/revenue.won', '/my-targets', '/me/security', '/me/digest'],
}
const PUBLIC_PAGES = [
  '/login',
  '/forgot-password',
  '/setup',
  '/invite/not-a-real-token',
  '/reset-password/not-a-real-token',
]

/**
 * What a person on a phone would hit: the page scrolls sideways, or a control (link, button, field) lies partly
 * off-screen. Controls inside a wide table are reached by scrolling the table, which scrolls on its own.
 */
async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const width = window.innerWidth
    if (document.documentElement.scrollWidth > width) {
      // Name the innermost elements that stick out, which is where the fix goes.
      const outside = [...document.querySelectorAll('body *')].filter(
        (element) =>
          element.getBoundingClientRect().right > width + 0.5 &&
          element.parentElement?.closest('table, .table-scroll') == null,
      )
      // Text can stick out of a box that itself fits: then the box's own scrollWidth is larger than it is wide.
      for (const element of document.querySelectorAll('body *')) {
        const box = element.getBoundingClientRect()
        if (
          element.parentElement?.closest('table, .table-scroll') == null &&
          box.left + element.scrollWidth > width + 0.5 &&
          getComputedStyle(element).overflowX === 'visible'
        )
          outside.push(element)
      }
      const innermost = outside.filter(
        (element) => !outside.some((other) => other !== element && element.contains(other)),
      )
      problems.push(
        `page is ${document.documentElement.scrollWidth} px wide: ${innermost
          .slice(0, 3)
          .map(
            (element) => `${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.slice(0, 30)}"`,
          )
          .join(', ')}`,
      )
    }
    // Only tables scroll on their own (styles.css, decision 0037); a navigation that scrolls hides its entries.
    const scrollsOnItsOwn = (element: Element) => element.closest('table, .table-scroll') !== null
    for (const control of document.querySelectorAll('a, button, input, select, textarea, h1')) {
      const box = control.getBoundingClientRect()
      // The skip link waits off-screen until it is focused.
      if (box.width === 0 || box.height === 0 || control.matches('.skip-link') || scrollsOnItsOwn(control)) continue
      if (box.left < -0.5 || box.right > width + 0.5) {
        const name = (control.getAttribute('aria-label') ?? control.textContent ?? '').trim().slice(0, 40)
        problems.push(
          `${control.tagName.toLowerCase()} "${name}" spans ${Math.round(box.left)}–${Math.round(box.right)} px`,
        )
      }
    }
    // A status chip stays inside its gauge or bullet card (a long Dutch label wraps rather than sticking out).
    for (const chip of document.querySelectorAll('.gauge-status')) {
      const card = chip.closest('.gauge, .bullet')?.getBoundingClientRect()
      const box = chip.getBoundingClientRect()
      if (card && (box.right > card.right + 0.5 || box.left + chip.scrollWidth > card.right + 0.5))
        problems.push(
          `chip "${chip.textContent}" ends at ${Math.round(box.right)} px, its card at ${Math.round(card.right)} px`,
        )
    }
    // A gauge's target label never sits on its value ("€38,320" on "€128,545" on a narrow card).
    for (const dial of document.querySelectorAll('.gauge-dial')) {
      const label = dial.querySelector('[data-part="target-label"]')?.getBoundingClientRect()
      const value = dial.querySelector('.gauge-value')!
      const range = document.createRange()
      range.selectNodeContents(value) // the text itself, not its full-width box
      const text = range.getBoundingClientRect()
      if (
        label &&
        label.right > text.left &&
        label.left < text.right &&
        label.bottom > text.top &&
        label.top < text.bottom
      )
        problems.push(
          `target label "${dial.querySelector('[data-part="target-label"]')!.textContent}" overlaps the value "${value.textContent}"`,
        )
    }
    // The first few say enough (a table of 20 rows would repeat one cause 100 times).
    return problems.slice(0, 8)
  })
}

/** Opens `path` and waits until its content is there (a heading, or the wallboard's first gauge). */
async function open(page: Page, path: string) {
  await page.goto(path)
  await page.locator('h1').first().waitFor()
  // Figures come after the heading; wait for them where the page has some.
  await page.waitForLoadState('networkidle')
}

describe('every page on a 360 px phone', () => {
  for (const [role, pages] of Object.entries(PAGES)) {
    test(`as ${role}: no page scrolls sideways and every control is on screen, the user menu included`, async () => {
      const { context, page } = await newPage(browser, baseUrl)
      await page.setViewportSize(PHONE)
      await page.goto('/')
      await login(page, `${role}@example.com`)
      const found: Record<string, string[]> = {}
      for (const path of pages) {
        await open(page, path)
        const problems = await phoneProblems(page)
        if (problems.length > 0) found[path] = problems
        if (role === 'manager' && path === '/') await screenshot(page, 'phone-dashboard')
        if (role === 'manager' && path === '/kpi/revenue.won') await screenshot(page, 'phone-kpi-detail')
        if (role === 'admin' && path === '/admin#users') await screenshot(page, 'phone-admin')
      }
      // The user menu opens inside the screen, with its Sign out button.
      await open(page, '/')
      await page.locator('.user-menu-toggle').click()
      const signOut = await page.locator('.user-menu-sign-out').boundingBox()
      expect(signOut && signOut.x >= 0 && signOut.x + signOut.width <= PHONE.width).toBe(true)
      const menuProblems = await phoneProblems(page)
      if (menuProblems.length > 0) found['user menu'] = menuProblems
      expect(found).toEqual({})
      await context.close()
    })
  }

  test("in Dutch (longer words) the manager's pages fit too", async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.setViewportSize(PHONE)
    await page.goto('/')
    await login(page, 'manager@example.com')
    await page.locator('.user-menu-toggle').click()
    await page.getByRole('button', { name: 'NL' }).click()
    // The heading names the team ("Team North") in both languages: wait for the Dutch page itself.
    await page.waitForFunction(() => document.documentElement.lang === 'nl')
    await page.getByRole('heading', { level: 1, name: 'Team North', exact: true }).waitFor()
    const found: Record<string, string[]> = {}
    for (const path of PAGES.manager) {
      await open(page, path)
      const problems = await phoneProblems(page)
      if (problems.length > 0) found[path] = problems
    }
    expect(found).toEqual({})
    await context.close()
  })

  test('signed out: the login, password reset, invitation and setup pages fit too', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.setViewportSize(PHONE)
    const found: Record<string, string[]> = {}
    for (const path of PUBLIC_PAGES) {
      await open(page, path)
      const problems = await phoneProblems(page)
      if (problems.length > 0) found[path] = problems
    }
    expect(found).toEqual({})
    await context.close()
  })
})
