import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, login, newPage, openBrowser, screenshot, signedIn, signOut } from './support/browser.ts'
import { linkIn, nextMailTo, startServerWithMail, type ServerWithMail } from './support/mail.ts'

// A server of its own: the shared one has no SMTP_URL, and this test changes a demo user's password.
const NEW_PASSWORD = 'a fresh passphrase 2026'
const REP = 'rep@example.com'
const MANAGER = 'manager@example.com'

let withMail: ServerWithMail
let browser: Browser

beforeAll(async () => {
  withMail = await startServerWithMail({ from: 'KPI <kpi@example.com>' })
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
  await withMail?.stop()
})

describe('password reset by e-mail', () => {
  test('forgot password → e-mail → new password → signed in; the old password is refused, the new one works', async () => {
    const { context, page } = await newPage(browser, withMail.server.baseUrl)
    await page.goto('/')
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    // The login form has an Email field too: wait for the (lazy) page before typing.
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor()
    await page.getByLabel('Email').fill(REP)
    await page.getByRole('button', { name: 'Send link' }).click()
    await page.getByText('If an account exists for that address').waitFor()
    await screenshot(page, 'password-reset-request')

    const mail = await nextMailTo(withMail.smtp, REP)
    expect(mail.subject).toMatch(/^Reset your password for /)
    await page.goto(linkIn(mail, withMail.server.baseUrl, 'reset-password'))
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD)
    await screenshot(page, 'password-reset')
    await page.getByRole('button', { name: 'Set password and sign in' }).click()
    await signedIn(page)
    expect(new URL(page.url()).pathname).toBe('/')

    await signOut(page)
    await page.getByLabel('Email').fill(REP)
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').getByText('Email or password is not right').waitFor()
    await page.getByLabel('Password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await signedIn(page)
    await context.close()
  })

  test('the admin sends a reset link from the users admin and sees it go out in the e-mail log', async () => {
    const { context, page } = await newPage(browser, withMail.server.baseUrl)
    await page.goto('/admin#users')
    await login(page, 'admin@example.com')
    await page.getByRole('button', { name: `Send a password reset link to ${MANAGER}` }).click()
    await page.getByRole('status').getByText('Reset link e-mailed.').waitFor()
    const mail = await nextMailTo(withMail.smtp, MANAGER)
    expect(linkIn(mail, withMail.server.baseUrl, 'reset-password')).toMatch(/\/reset-password\/[\w-]{43}$/)
    const panel = page.getByRole('region', { name: 'E-mail' })
    await panel.getByText('Sending is on').waitFor()
    // The panel shows what the server recorded: reload until the worker has marked the message sent.
    await expect
      .poll(
        async () => {
          await page.reload()
          await panel.getByText('Sending is on').waitFor()
          return panel.getByRole('row').filter({ hasText: MANAGER }).filter({ hasText: 'Sent' }).count()
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThan(0)
    await panel.scrollIntoViewIfNeeded()
    await screenshot(page, 'admin-email-log')
    await context.close()
  })
})
