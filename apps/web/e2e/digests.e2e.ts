import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { login, newPage, openBrowser, screenshot } from './support/browser.ts'
import { mailsTo, nextMailTo, startServerWithMail, type ServerWithMail } from './support/mail.ts'
import { DashboardSchema } from '@kpi/contract/dashboard'
import { formatNumber } from '@kpi/domain/format'
import type { Unit } from '@kpi/domain/kpis/define-kpi'
import { DigestSettings } from '@kpi/contract/digests'
import { MeResponse } from '@kpi/contract/me'

// A server of its own with a real SMTP server: the shared one sends no e-mail. Every date expectation comes from
// the server's own answers (its next due time, its dashboard for "today"), so the run holds on any pinned date.
const MANAGER = 'manager@example.com'
const REP = 'rep@example.com'

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

const getJson = async (page: Page, url: string) => {
  const response = await page.request.get(url)
  expect(response.status(), url).toBe(200)
  return (await response.json()) as unknown
}

/**
 * Two or three KPIs of the dashboard answer for the digest's scope and period, each with its value as the
 * dashboard page writes it (the domain's formatNumber, which the web's formatKpiNumber calls, in the reader's language).
 */
async function dashboardFigures(page: Page, digest: DigestSettings, locale: 'en' | 'nl') {
  const me = MeResponse.parse(await getJson(page, '/api/me'))
  const answer = DashboardSchema.parse(
    await getJson(page, `/api/dashboard?scope=${digest.scope}&period=${digest.period}&locale=${locale}`),
  )
  const figures = answer.focusAreas
    .flatMap((area) => area.kpis)
    .flatMap((kpi) =>
      kpi.value.kind === 'value'
        ? [
            {
              name: kpi.name,
              value: formatNumber(kpi.value.value, kpi.unit as Unit, kpi.format, locale, me.organization.currency),
            },
          ]
        : [],
    )
    .slice(0, 3)
  expect(figures.length, 'the demo data gives the digest figures to show').toBeGreaterThanOrEqual(2)
  return figures
}

/** The e-mail's HTML in Chromium, as a mail client without scripts or remote images would show it. */
async function showMail(html: string, locale: string) {
  const { context, page } = await newPage(browser, withMail.server.baseUrl, { locale })
  await context.route('**/*', (route) => route.abort()) // nothing external: the e-mail must stand on its own
  await page.setViewportSize({ width: 680, height: 900 })
  await page.setContent(html)
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: 680, height: Math.min(height, 2400) })
  return { context, page }
}

/** The text right after a KPI's name in the e-mail: its figure line. */
async function figureAfter(page: Page, name: string): Promise<string> {
  const text = await page.locator('body').innerText()
  const at = text.indexOf(name)
  expect(at, `${name} in the e-mail`).toBeGreaterThanOrEqual(0)
  return text.slice(at + name.length, at + name.length + 160)
}

describe('e-mail digests', () => {
  test('a manager chooses daily at 07:00 from the user menu, sends a test, and the e-mail shows the dashboard’s figures', async () => {
    const { context, page } = await newPage(browser, withMail.server.baseUrl)
    await page.goto('/')
    await login(page, MANAGER)
    await page.locator('.user-menu-toggle').click()
    await page.getByRole('link', { name: 'E-mail digest' }).click()
    await page.getByRole('heading', { level: 1, name: 'E-mail digest' }).waitFor()
    await page.getByText('You are on the default for your role.').waitFor()

    await page.getByLabel('Daily').check()
    await page.getByLabel('Time').selectOption({ label: '07:00' })
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('status').getByText('Saved').waitFor()
    const digest = DigestSettings.parse(await getJson(page, '/api/me/digest'))
    expect(digest).toMatchObject({ frequency: 'daily', hour: 7, isDefault: false })
    // The next send in words, from the server's own due time in the organisation's zone.
    const me = MeResponse.parse(await getJson(page, '/api/me'))
    const nextDate = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: me.organization.timeZone,
    }).format(new Date(digest.nextDueAt!))
    await page.getByText(`Next: ${nextDate} at 07:00`).waitFor()

    // A phone: the page fits 390 px without scrolling sideways.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await screenshot(page, 'digest-page-phone')
    await page.setViewportSize({ width: 1280, height: 800 })

    await page.getByRole('button', { name: 'Send me a test' }).click()
    await page.getByRole('status').getByText(`Sent to ${MANAGER} — check your inbox.`).waitFor()
    await page.getByText(/^Last digest: .+ at \d\d:\d\d — sent$/).waitFor()
    await page.setViewportSize({ width: 1280, height: 1040 }) // the whole page, down to the test's outcome
    await screenshot(page, 'digest-page')
    const mail = await nextMailTo(withMail.smtp, MANAGER)
    expect(mail.subject).toContain(digest.scopeName)
    expect(typeof mail.html).toBe('string')

    const figures = await dashboardFigures(page, digest, 'en')
    // The dashboard page shows these values for the same scope and period (each gauge's spoken summary).
    await page.goto(`/?scope=${digest.scope}&period=${digest.period}`)
    for (const { name, value } of figures)
      await page
        .getByRole('img', { name: new RegExp(`^${escapeRegExp(`${name}: ${value}`)}`) })
        .first()
        .waitFor()

    const shown = await showMail(mail.html as string, 'en-GB')
    for (const { name, value } of figures) expect(await figureAfter(shown.page, name)).toContain(value)
    expect(mail.text).toContain(figures[0]!.value)
    await screenshot(shown.page, 'digest-email-en')
    await shown.context.close()
    await context.close()
  })

  test('a Dutch rep gets the test digest in Dutch, with the figures of their own dashboard', async () => {
    const { context, page } = await newPage(browser, withMail.server.baseUrl)
    await page.goto('/me/digest')
    await login(page, REP)
    // The language switch stores the choice (PATCH /api/me): e-mails follow it.
    await page.locator('.user-menu-toggle').click()
    const stored = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/me'))
    await page.getByRole('button', { name: 'NL' }).click()
    expect((await stored).status()).toBe(200)
    await page.getByRole('heading', { level: 1, name: 'E-mailoverzicht' }).waitFor()
    const seen = mailsTo(withMail.smtp, REP).length
    await page.getByRole('button', { name: 'Stuur mij een test' }).click()
    await page.getByRole('status').getByText(`Verstuurd naar ${REP} — kijk in je inbox.`).waitFor()
    const mail = await nextMailTo(withMail.smtp, REP, seen)
    const digest = DigestSettings.parse(await getJson(page, '/api/me/digest'))
    const figures = await dashboardFigures(page, digest, 'nl')
    const shown = await showMail(mail.html as string, 'nl-NL')
    for (const { name, value } of figures) expect(await figureAfter(shown.page, name)).toContain(value)
    await screenshot(shown.page, 'digest-email-nl')
    await shown.context.close()
    await context.close()
  })

  test('the admin sees who gets what and the manager’s digest handed to the mail server', async () => {
    const { context, page } = await newPage(browser, withMail.server.baseUrl)
    await page.goto('/admin/digests')
    await login(page, 'admin@example.com')
    await page.getByRole('heading', { level: 1, name: 'Digests' }).waitFor()
    const people = page.getByRole('table', { name: 'Who gets what' })
    const manager = people.getByRole('row').filter({ hasText: MANAGER })
    // Its own send (tests run in any order): "Send now" on the manager's row, whatever their schedule is.
    await manager.getByRole('button', { name: /^Send the digest of .+ now$/ }).click()
    const sends = page.getByRole('table', { name: 'Recent digests' })
    // The e-mail's own state comes from the mail outbox's worker: reload until it says sent.
    await expect
      .poll(
        async () => {
          await page.reload()
          await sends.waitFor()
          return sends.getByRole('row').filter({ hasText: 'E-mail: sent' }).filter({ hasText: 'by hand' }).count()
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBeGreaterThanOrEqual(1)
    await screenshot(page, 'digest-admin')
    // A phone: each person's row stacks into a card, nothing scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await people.getByRole('row').filter({ hasText: MANAGER }).scrollIntoViewIfNeeded()
    await screenshot(page, 'digest-admin-phone')
    await context.close()
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
