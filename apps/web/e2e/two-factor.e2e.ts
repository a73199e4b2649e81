import { generate } from 'otplib'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot, signedIn, signOut as openMenuAndSignOut } from './support/browser.ts'

// Two-factor codes end to end on the shared demo server, for a person created here (no other test's account is
// touched): turn codes on, sign in with a code, with a recovery code (once), then an admin resets them.

const baseUrl = inject('baseUrl')
const STEP_S = 30
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The code an authenticator app shows now, computed just before it is typed. The server takes each time step's
 * code once (replay check), so this waits for a step later than `after`, and for the next step when fewer than
 * 3 s of this one are left (the code could expire between typing and checking).
 */
async function freshCode(secret: string, after: number): Promise<{ code: string; step: number }> {
  for (;;) {
    const nowS = Date.now() / 1000
    const step = Math.floor(nowS / STEP_S)
    const leftS = (step + 1) * STEP_S - nowS
    if (step > after && leftS >= 3) return { code: await generate({ secret, epoch: Math.floor(nowS) }), step }
    await sleep(Math.min(leftS, STEP_S) * 1000 + 100)
  }
}

async function signOut(page: Page) {
  await openMenuAndSignOut(page)
  await page.getByLabel('Email').waitFor()
}

/** Email and password on the login form; resolves once the form asks for the code. */
async function passwordStep(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('Authentication code').waitFor()
}

describe('two-factor codes', () => {
  test('turn on, sign in with a code and with a recovery code (once); after an admin reset, the password alone', async () => {
    const admin = await newPage(browser, baseUrl)
    await admin.page.goto('/admin#users')
    await login(admin.page, 'admin@example.com')
    // A person of our own (unique per run), created through the API as the admin; in no team, so no team's
    // figures or lists in the other files change.
    const email = `two-factor-${Date.now()}@example.com`
    const password = 'two-factor-e2e-password'
    const csrf = (await admin.context.cookies()).find((c) => c.name === 'kpi_csrf')!.value
    const created = await admin.page.request.post('/api/users', {
      headers: { 'x-csrf-token': csrf },
      data: { email, name: 'Tess Twofactor', role: 'rep', teamId: null, password },
    })
    expect(created.status(), await created.text()).toBe(201)

    // Turn codes on: the QR code and the key, confirmed with the code the "app" (otplib here) shows.
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/me/security')
    await login(page, email, password)
    await page.getByRole('button', { name: 'Turn on two-factor codes' }).click()
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor()
    const secret = (await page.getByTestId('totp-secret').textContent())!
    expect(secret).toMatch(/^[A-Z2-7]{32}$/) // 20 bytes, base32
    await screenshot(page, 'two-factor-setup')
    const enrol = await freshCode(secret, -1)
    await page.getByLabel('Type the 6-digit code the app shows').fill(enrol.code)
    await page.getByRole('button', { name: 'Turn on', exact: true }).click()
    const used = enrol.step
    const list = page.getByRole('list', { name: 'Recovery codes' })
    await list.waitFor()
    const recoveryCodes = (await list.locator('li').allTextContents()).map((code) => code.trim())
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)
    const download = page.getByRole('link', { name: 'Download .txt' })
    expect(await download.getAttribute('download')).toBe('recovery-codes.txt')
    expect(decodeURIComponent((await download.getAttribute('href'))!.split(',')[1]!)).toBe(
      `${recoveryCodes.join('\n')}\n`,
    )
    await page.getByRole('button', { name: 'I saved them' }).click()
    await page.getByText('Two-factor codes are on.').waitFor()

    // Sign in again: the password, then the code step; the confirmation's code is spent, so a later step's.
    await signOut(page)
    await passwordStep(page, email, password)
    expect(await page.getByRole('alert').count()).toBe(0) // asking for the code is no error
    await screenshot(page, 'two-factor-login')
    const signInCode = await freshCode(secret, used)
    await page.getByLabel('Authentication code').fill(signInCode.code)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await signedIn(page)

    // A recovery code signs in once; the second time it is refused.
    for (const attempt of ['first', 'second'] as const) {
      await signOut(page)
      await passwordStep(page, email, password)
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click()
      await page.getByLabel('Recovery code').fill(recoveryCodes[0]!)
      await page.getByRole('button', { name: 'Sign in' }).click()
      if (attempt === 'first') {
        await signedIn(page)
      } else {
        const refused = page.getByRole('alert')
        await refused.waitFor()
        expect(await refused.textContent()).toBe(
          'That code is not right, or was already used. Try the code your app shows now.',
        )
      }
    }

    // The admin resets them in the users admin (the list is read afresh: the person was created after it loaded).
    await admin.page.reload()
    const reset = admin.page.getByRole('button', { name: `Reset the two-factor codes of ${email}` })
    await reset.click()
    const dialog = admin.page.getByRole('alertdialog', { name: `Reset the two-factor codes of ${email}?` })
    expect(await dialog.textContent()).toContain('they are signed out everywhere')
    await dialog.getByRole('button', { name: 'Yes, reset 2FA' }).click()
    const row = admin.page.getByRole('row').filter({ has: admin.page.getByRole('cell', { name: email, exact: true }) })
    expect(await row.getByRole('status').textContent()).toBe(`Two-factor codes of ${email} reset; they are signed out.`)
    await row.getByText('Off', { exact: true }).waitFor()
    await admin.context.close()

    // The password alone signs them in again, and Security offers to turn codes on anew.
    await page.goto('/me/security')
    await login(page, email, password)
    await page.getByRole('button', { name: 'Turn on two-factor codes' }).waitFor()
    expect(await page.getByRole('heading', { level: 1, name: 'Security' }).count()).toBe(1)
    await context.close()
  })
})
