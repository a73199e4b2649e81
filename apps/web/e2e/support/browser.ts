import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
/** The README's pictures; `pnpm test:dates` sends each date's elsewhere (E2E_SCREENSHOT_DIR) to look at. */
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? path.join(repoRoot, 'docs', 'screenshots')

export const DEMO_PASSWORD = 'demo1234'

/**
 * Debian's Chromium, headless, with everything that would phone home switched off. Kept out of libfaketime, which
 * `pnpm test:dates` puts under the server and the tests (Chromium runs ~50× slower under it): `newPage` gives the
 * page the test run's clock instead.
 */
export async function openBrowser(): Promise<Browser> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')) env[name] = value
  }
  return chromium.launch({
    env,
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/**
 * A fresh context (no cookies, English unless `locale` says otherwise, 1280×800) per test so tests never share a
 * session. Its clock starts at this process's time, which is the server's (both under the same libfaketime date in
 * `pnpm test:dates`), and runs.
 */
export async function newPage(
  browser: Browser,
  baseURL: string,
  { locale = 'en-GB' }: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 800 }, locale })
  await context.clock.install({ time: Date.now() })
  // Two shared cores and an embedded PostgreSQL: allow slow answers rather than fail on load.
  context.setDefaultTimeout(90_000)
  const page = await context.newPage()
  return { context, page }
}

/** Signs in through the login form on whatever page is open (the URL is kept, so the page then loads). */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await signedIn(page)
}

/** Waits until the page shows someone signed in: the header's user menu button (Sign out is inside the menu). */
export async function signedIn(page: Page): Promise<void> {
  await page.locator('.user-menu-toggle').waitFor()
}

/** Opens the header's user menu and signs out. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('.user-menu-toggle').click()
  await page.locator('.user-menu-sign-out').click()
}

/** Saves `docs/screenshots/<name>.png` (viewport only, to keep the files small). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}
