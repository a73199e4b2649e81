import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startOidcProvider, type RunningProvider } from '../../api/src/testing/oidc-provider.ts'
import { newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'
import { freePort, startServer, type RunningServer } from './support/server.ts'

// Issue 16: single sign-on in Chromium. A server of its own (demo data, OIDC_* set) and a real OpenID provider
// (the API tests' fixture) whose development sign-in page the browser fills in like a person would.

let provider: RunningProvider
let server: RunningServer
let browser: Browser

beforeAll(async () => {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  provider = await startOidcProvider({
    redirectUri: `${baseUrl}/api/auth/oidc/callback`,
    accounts: { 'rep@example.com': { email: 'rep@example.com', emailVerified: true, name: 'Demo rep' } },
  })
  server = await startServer({
    env: {
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      OIDC_ISSUER: provider.oidc.issuer,
      OIDC_CLIENT_ID: provider.oidc.clientId,
      OIDC_CLIENT_SECRET: provider.oidc.clientSecret,
      OIDC_NAME: 'Acme ID',
    },
  })
  browser = await openBrowser()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await provider?.close()
})

describe('single sign-on', () => {
  test('"Sign in with Acme ID" → the provider’s sign-in page → back on the dashboard as the demo rep', async () => {
    const { context, page } = await newPage(browser, server.baseUrl)
    await page.goto('/')
    const button = page.getByRole('link', { name: 'Sign in with Acme ID' })
    await button.waitFor()
    await screenshot(page, 'sso-login')
    await button.click()

    // oidc-provider's development sign-in page: any password, the login names the account.
    await page.waitForURL((url) => url.origin === provider.issuer)
    await page.locator('input[name="login"]').fill('rep@example.com')
    await page.locator('input[name="password"]').fill('anything')
    await page.getByRole('button', { name: 'Sign-in' }).click()

    await signedIn(page)
    await page.getByRole('heading', { level: 1, name: 'My figures', exact: true }).waitFor()
    // The rep's own figures: gauges once they have loaded (for the screenshot, not skeletons).
    await page.locator('[role="img"][aria-label*="target"]').first().waitFor()
    expect(new URL(page.url()).pathname).toBe('/')
    const me = await page.evaluate(async () => (await fetch('/api/me')).json())
    expect(me.user).toMatchObject({ email: 'rep@example.com', role: 'rep' })
    await screenshot(page, 'sso-done')
    await context.close()
  })
})
