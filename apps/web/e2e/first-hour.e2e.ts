import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
// The API's test helpers (a real SMTP server, a real OpenID provider, otplib's codes), shared rather than copied.
import { startOidcProvider, type RunningProvider } from '../../api/src/testing/oidc-provider.ts'
import { startSmtpServer, type TestSmtpServer } from '../../api/src/testing/smtp-server.ts'
import { totpCode } from '../../api/src/testing/totp-code.ts'
import { newPage, openBrowser, screenshot, signedIn, signOut } from './support/browser.ts'
import { linkIn, mailEnv, nextMailTo } from './support/mail.ts'
import { freePort, startServer, type RunningServer } from './support/server.ts'

// Issue 16's "done when", as one journey on a brand-new installation (DEMO_DATA=false, an empty data directory):
// a Dutch admin sets up the organisation, invites a manager and a rep who accept by the e-mailed links, the rep
// resets a forgotten password, the manager turns on two-factor codes, the rep signs in through the company's
// OpenID provider. Each person in a fresh browser context. One test: the steps are one story, and a test runner
// that shuffles tests (pnpm test:dates does) must not be able to pull them apart.

const ORG = 'Bakkerij Jansen'
const ADMIN = { name: 'Anouk de Vries', email: 'anouk@jansen.test', password: 'anouk zegt welkom 2026' }
const MANAGER = { name: 'Mila Manager', email: 'mila@jansen.test', password: 'mila manages north 2026' }
const REP = { name: 'Ruben Rep', email: 'ruben@jansen.test', password: 'ruben sells bread 2026' }
const REP_NEW_PASSWORD = 'ruben remembers now 2026'
const TEAM = 'Noord'

let smtp: TestSmtpServer
let provider: RunningProvider
let server: RunningServer
let browser: Browser
let admin: { context: BrowserContext; page: Page }
let managerSecret = ''

beforeAll(async () => {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  ;[smtp, provider, browser] = await Promise.all([
    startSmtpServer(),
    startOidcProvider({
      redirectUri: `${baseUrl}/api/auth/oidc/callback`,
      accounts: { [REP.email]: { email: REP.email, emailVerified: true, name: REP.name } },
    }),
    openBrowser(),
  ])
  server = await startServer({
    env: {
      PORT: String(port),
      DEMO_DATA: 'false',
      ...mailEnv(smtp, `${ORG} <kpi@jansen.test>`),
      OIDC_ISSUER: provider.oidc.issuer,
      OIDC_CLIENT_ID: provider.oidc.clientId,
      OIDC_CLIENT_SECRET: provider.oidc.clientSecret,
      OIDC_NAME: 'Jansen ID',
    },
  })
}, 300_000)

afterAll(async () => {
  await admin?.context.close()
  await browser?.close()
  await server?.stop()
  await provider?.close()
  await smtp?.close()
})

type Me = { user: { email: string; role: string; team: { name: string } | null; managedTeams: { name: string }[] } }
const me = (page: Page) => page.evaluate(() => fetch('/api/me').then((r) => r.json())) as Promise<Me>
const mainNav = (page: Page) =>
  page
    .getByRole('navigation', { name: /Main|Hoofdmenu/ })
    .getByRole('link')
    .allTextContents()

/** Waits until the current 30-second step has at least 5 s left, so a code typed now is still current when checked. */
async function awayFromStepEnd(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000)
  if (left < 5_000) await new Promise((resolve) => setTimeout(resolve, left + 500))
}

test('the first hour of a new organisation: setup, invitations, reset, two-factor codes, single sign-on', async () => {
  await step('(a) the first admin sets up the organisation in Dutch and lands on its dashboard', async () => {
    admin = await newPage(browser, server.baseUrl, { locale: 'nl-NL' })
    const { page } = admin
    await page.goto('/')
    await page.getByRole('heading', { level: 1, name: 'Je organisatie inrichten' }).waitFor()
    await page.getByLabel('Naam van de organisatie').fill(ORG)
    await page.getByLabel('Tijdzone').fill('Europe/Amsterdam')
    await page.getByLabel('Valuta').fill('EUR')
    await page.getByLabel('Je naam').fill(ADMIN.name)
    await page.getByLabel('E-mail', { exact: true }).fill(ADMIN.email)
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN.password)
    await page.getByLabel('Wachtwoord nogmaals').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Organisatie aanmaken' }).click()
    await signedIn(page)
    await page.getByRole('heading', { level: 1, name: 'Organisatiedashboard', exact: true }).waitFor()
    expect((await me(page)).user).toMatchObject({ email: ADMIN.email, role: 'admin' })
  })

  await step('(b) the admin creates a team and invites a manager and a rep; each accepts from the e-mail', async () => {
    const { page } = admin
    await page.goto('/admin#users')
    await page.getByRole('heading', { level: 3, name: 'Gebruikers' }).waitFor()
    const newTeam = page.locator('form').filter({ has: page.getByLabel('Nieuw team') })
    await newTeam.getByLabel('Nieuw team').fill(TEAM)
    await newTeam.getByRole('button', { name: 'Toevoegen' }).click()
    await page.getByLabel(`Naam van team ${TEAM}`).waitFor()

    const form = page.getByRole('form', { name: 'Iemand uitnodigen' })
    // The e-mail's language starts as the admin's screen language.
    expect(await form.getByLabel('Taal van de e-mail').inputValue()).toBe('nl')
    const invite = async (who: { name: string; email: string }, role: string, language?: string) => {
      await form.getByLabel('Naam', { exact: true }).fill(who.name)
      await form.getByLabel('E-mail', { exact: true }).fill(who.email)
      await form.getByLabel('Rol').selectOption({ label: role })
      await form.getByLabel('Team').selectOption({ label: TEAM })
      if (language) await form.getByLabel('Taal van de e-mail').selectOption({ label: language })
      await form.getByRole('button', { name: 'Uitnodiging versturen' }).click()
      await form.getByText(`Uitnodiging verstuurd naar ${who.email}.`).waitFor()
    }
    await invite(MANAGER, 'Manager')
    // Ruben reads English at work, the admin thinks: his invitation goes out in English.
    await invite(REP, 'Verkoper', 'English')

    const toManager = await nextMailTo(smtp, MANAGER.email, 0)
    expect(toManager.subject).toBe(`${ADMIN.name} heeft je uitgenodigd voor ${ORG}`)
    expect(toManager.text).toContain(`als manager in ${TEAM}`)
    const toRep = await nextMailTo(smtp, REP.email, 0)
    expect(toRep.subject).toBe(`${ADMIN.name} invited you to ${ORG}`)

    // Mila's browser is English; Ruben's Dutch after all: each accepts in the language they read.
    const mila = await accept(linkIn(toManager, server.baseUrl, 'invite'), MANAGER.password, 'en-GB')
    expect(mila.me.user).toMatchObject({ email: MANAGER.email, role: 'manager' })
    expect(mila.me.user.managedTeams.map((t) => t.name)).toEqual([TEAM])
    expect(mila.nav).toEqual(['Dashboard', 'My targets', 'My team', 'Security'])
    const ruben = await accept(linkIn(toRep, server.baseUrl, 'invite'), REP.password, 'nl-NL')
    expect(ruben.me.user).toMatchObject({ email: REP.email, role: 'rep', team: { name: TEAM } })
    expect(ruben.nav).toEqual(['Dashboard', 'Mijn doelen', 'Beveiliging'])

    await page.reload()
    const users = page.getByRole('heading', { level: 3, name: 'Gebruikers' })
    await page.getByRole('cell', { name: REP.email }).first().waitFor()
    await users.evaluate((h) => {
      h.scrollIntoView()
      window.scrollBy(0, -80) // below the sticky header
    })
    await screenshot(page, 'first-hour-team')
  })

  await step(
    '(c) the rep forgets the password: the e-mail (in his language) resets it; the old one is refused',
    async () => {
      const { context, page } = await newPage(browser, server.baseUrl, { locale: 'nl-NL' })
      await page.goto('/')
      await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click()
      await page.getByRole('heading', { level: 1, name: 'Wachtwoord opnieuw instellen' }).waitFor()
      await page.getByLabel('E-mail', { exact: true }).fill(REP.email)
      await page.getByRole('button', { name: 'Link versturen' }).click()
      await page.getByText('Als er een account met dat adres bestaat').waitFor()

      // He accepted in Dutch, so his e-mails are Dutch now, though the invitation was English.
      const mail = await nextMailTo(smtp, REP.email, 1)
      expect(mail.subject).toBe(`Stel je wachtwoord opnieuw in voor ${ORG}`)
      await page.goto(linkIn(mail, server.baseUrl, 'reset-password'))
      await page.getByRole('heading', { level: 1, name: 'Kies een nieuw wachtwoord' }).waitFor()
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(REP_NEW_PASSWORD)
      await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(REP_NEW_PASSWORD)
      await page.getByRole('button', { name: 'Wachtwoord instellen en inloggen' }).click()
      await signedIn(page)

      await signOut(page)
      await page.getByLabel('E-mail', { exact: true }).fill(REP.email)
      await page.getByLabel('Wachtwoord', { exact: true }).fill(REP.password)
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
      await page.getByRole('alert').getByText('E-mail of wachtwoord klopt niet').waitFor()
      await page.getByLabel('Wachtwoord', { exact: true }).fill(REP_NEW_PASSWORD)
      await page.getByRole('button', { name: 'Inloggen', exact: true }).click()
      await signedIn(page)
      await context.close()
    },
  )

  await step('(d) the manager turns on two-factor codes and signs in again with a code', async () => {
    const { context, page } = await newPage(browser, server.baseUrl)
    await page.goto('/me/security')
    await signIn(page, MANAGER.email, MANAGER.password)
    await page.getByRole('button', { name: 'Turn on two-factor codes' }).click()
    managerSecret = (await page.getByTestId('totp-secret').textContent()) ?? ''
    expect(managerSecret).toMatch(/^[A-Z2-7]{32}$/)
    await awayFromStepEnd()
    await page.getByLabel('Type the 6-digit code the app shows').fill(await totpCode(managerSecret))
    await page.getByRole('button', { name: 'Turn on', exact: true }).click()
    await page.getByRole('button', { name: 'I saved them' }).click()
    await page.getByText('Two-factor codes are on.').waitFor()

    await signOut(page)
    await page.getByLabel('Email').fill(MANAGER.email)
    await page.getByLabel('Password').fill(MANAGER.password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    // The code used to turn it on is spent: the next step's code, which the server accepts (one step either side).
    await page.getByLabel('Authentication code').fill(await totpCode(managerSecret, Date.now() + 30_000))
    await page.getByRole('button', { name: 'Sign in' }).click()
    await signedIn(page)
    expect((await me(page)).user.email).toBe(MANAGER.email)
    await context.close()
  })

  await step('(e) the rep signs in through the company’s OpenID provider', async () => {
    const { context, page } = await newPage(browser, server.baseUrl, { locale: 'nl-NL' })
    await page.goto('/')
    await page.getByRole('link', { name: 'Inloggen met Jansen ID' }).click()
    await page.waitForURL((url) => url.origin === provider.issuer)
    await page.locator('input[name="login"]').fill(REP.email)
    await page.locator('input[name="password"]').fill('anything')
    await page.getByRole('button', { name: 'Sign-in' }).click()
    await signedIn(page)
    expect(new URL(page.url()).pathname).toBe('/')
    expect((await me(page)).user).toMatchObject({ email: REP.email, role: 'rep' })
    await context.close()
  })
}, 600_000)

/** Runs one step of the story; a failure names the step. */
async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run()
  } catch (error) {
    if (error instanceof Error) error.message = `${name}: ${error.message}`
    throw error
  }
}

/** Signs in through the login form on whatever page is open, with the page's English labels. */
async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await signedIn(page)
}

/** Opens an invitation link in a fresh context of `locale`, sets the password, and says who is signed in. */
async function accept(link: string, password: string, locale: string) {
  const { context, page } = await newPage(browser, server.baseUrl, { locale })
  await page.goto(link)
  await page.getByRole('heading', { level: 1, name: new RegExp(ORG) }).waitFor()
  await page.getByLabel(/^(Choose a password|Kies een wachtwoord)/).fill(password)
  await page.getByLabel(/^(Repeat the password|Herhaal het wachtwoord)/).fill(password)
  await page.getByRole('button', { name: /^(Create my account|Mijn account aanmaken)$/ }).click()
  await signedIn(page)
  expect(new URL(page.url()).pathname).toBe('/')
  const result = { me: await me(page), nav: await mainNav(page) }
  await context.close()
  return result
}
