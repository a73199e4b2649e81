import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login, newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'
import { linkIn, nextMailTo, startServerWithMail, type ServerWithMail } from './support/mail.ts'

// Issue 16: the demo admin invites a manager and a rep in Chromium; a real SMTP server started here receives the
// e-mails; each link, opened in a fresh browser context, sets a password and lands signed in with the right role.
// A server of its own: it needs SMTP_URL and PUBLIC_URL.

let withMail: ServerWithMail
let browser: Browser

beforeAll(async () => {
  withMail = await startServerWithMail({ from: 'Demo KPI <kpi@example.com>' })
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
  await withMail?.stop()
})

async function invite(page: Page, who: { name: string; email: string; role: string; team: string }) {
  const form = page.getByRole('form', { name: 'Invite someone' })
  await form.getByLabel('Name').fill(who.name)
  await form.getByLabel('Email').fill(who.email)
  await form.getByLabel('Role').selectOption({ label: who.role })
  await form.getByLabel('Team').selectOption({ label: who.team })
  await form.getByRole('button', { name: 'Send invitation' }).click()
  await form.getByText(`Invitation sent to ${who.email}.`).waitFor()
}

/** The link in the e-mail the SMTP server received for `email`. */
async function linkFor(email: string): Promise<string> {
  return linkIn(await nextMailTo(withMail.smtp, email), withMail.server.baseUrl, 'invite')
}

/** Opens the link in a fresh context (no session), sets a password, and answers who is signed in afterwards. */
async function accept(link: string, shot?: string) {
  const { context, page } = await newPage(browser, withMail.server.baseUrl)
  await page.goto(link)
  await page.getByRole('heading', { level: 1, name: /^Join / }).waitFor()
  await page.getByLabel(/^Choose a password/).fill('a new long password')
  await page.getByLabel('Repeat the password').fill('a new long password')
  if (shot) await screenshot(page, shot)
  const intro = await page.locator('.auth-card p').first().textContent()
  await page.getByRole('button', { name: 'Create my account' }).click()
  await signedIn(page)
  expect(new URL(page.url()).pathname).toBe('/')
  const me = (await page.evaluate(() => fetch('/api/me').then((r) => r.json()))) as {
    user: { email: string; role: string; team: { name: string } | null }
  }
  const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()
  await context.close()
  return { intro, me: me.user, nav }
}

describe('invitations by e-mail', () => {
  test('the admin invites a manager and a rep; each accepts from the e-mail and is signed in with their role', async () => {
    const { context, page } = await newPage(browser, withMail.server.baseUrl)
    await page.goto('/admin#users')
    await login(page, 'admin@example.com')
    await page.getByRole('heading', { level: 3, name: 'Users' }).waitFor()

    const manager = { name: 'Mia Manager', email: 'mia.manager@example.com', role: 'Manager', team: '—' }
    const rep = { name: 'Ravi Rep', email: 'ravi.rep@example.com', role: 'Sales rep', team: 'North' }
    await invite(page, manager)
    await invite(page, rep)
    const list = page.getByRole('region', { name: 'Invitations' })
    await list.getByRole('cell', { name: rep.email, exact: true }).waitFor()
    // The worker sends within seconds: the list shows it once reloaded.
    await linkFor(rep.email)
    await page.reload()
    await list
      .getByRole('row', { name: new RegExp(rep.email) })
      .getByRole('cell', { name: 'Sent' })
      .waitFor()
    await page.getByRole('heading', { level: 3, name: 'Invitations' }).evaluate((h) => {
      // below the sticky header
      h.scrollIntoView()
      window.scrollBy(0, -80)
    })
    await screenshot(page, 'invite-form')
    await context.close()

    const asManager = await accept(await linkFor(manager.email), 'invite-accept')
    expect(asManager.intro).toMatch(/^.+ invited you to Demo Sales B\.V\. as a manager\.$/)
    expect(asManager.me).toMatchObject({ email: manager.email, role: 'manager', team: null })
    expect(asManager.nav).toContain('My team')

    const asRep = await accept(await linkFor(rep.email))
    expect(asRep.me).toMatchObject({ email: rep.email, role: 'rep', team: { name: 'North' } })
    expect(asRep.nav).not.toContain('My team')
  })
})
