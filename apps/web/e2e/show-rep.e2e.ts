import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEMO_PASSWORD, newPage, openBrowser, screenshot } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

// Issue 18, "show-rep": a manager picks one of their reps in "Show"; a rep undoes a call logged by mistake.
// Own server (own demo database): the rep's call count is this file's alone. Each story runs in English on a
// desktop and in Dutch on a phone (390 × 844). Counts are read from the API before and after, never assumed, so
// the stories hold on any date the clock is pinned to.

let browser: Browser
let server: RunningServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([openBrowser(), startServer()])
}, 300_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const runs = [
  { name: 'en, desktop', locale: 'en-GB', phone: false },
  { name: 'nl, phone', locale: 'nl-NL', phone: true },
] as const
type Run = (typeof runs)[number]

const text = {
  'en-GB': {
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    show: 'Show',
    forbidden: 'You may not view these figures. Go back to your own dashboard.',
    log: 'Log activity',
    type: 'Type',
    saved: 'Saved. Your gauges are being updated.',
    undo: 'Undo',
    undone: 'Undone: Call removed. Your gauges are being updated.',
    calls: 'Calls',
    recent: 'My recent activities (last 7 days)',
  },
  'nl-NL': {
    email: 'E-mail',
    password: 'Wachtwoord',
    signIn: 'Inloggen',
    show: 'Toon',
    forbidden: 'Je mag deze cijfers niet bekijken. Ga terug naar je eigen dashboard.',
    log: 'Activiteit vastleggen',
    type: 'Soort',
    saved: 'Opgeslagen. Je meters worden bijgewerkt.',
    undo: 'Ongedaan maken',
    undone: 'Ongedaan gemaakt: Telefoongesprek verwijderd. Je meters worden bijgewerkt.',
    calls: 'Telefoongesprekken',
    recent: 'Mijn recente activiteiten (laatste 7 dagen)',
  },
} as const

async function open(run: Run, path: string, email: string): Promise<Page> {
  const { page } = await newPage(browser, server.baseUrl, { locale: run.locale })
  if (run.phone) await page.setViewportSize({ width: 390, height: 844 })
  const words = text[run.locale]
  await page.goto(path)
  await page.getByLabel(words.email, { exact: true }).fill(email)
  await page.getByLabel(words.password, { exact: true }).fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: words.signIn, exact: true }).click()
  await page.getByLabel(words.password, { exact: true }).waitFor({ state: 'detached' })
  return page
}

type Person = { id: number; name: string; teamId: number | null; active: boolean }
type Calls = { kpi: { value: { kind: string; value?: number } } }

/** The rep's calls this month as the API counts them (the page's session). */
async function callsOf(page: Page, repId: number): Promise<number> {
  const response = await page.request.get(`/api/kpis/activity.calls?scope=rep:${repId}&period=month`)
  expect(response.status()).toBe(200)
  const { value } = ((await response.json()) as Calls).kpi
  return value.kind === 'value' ? value.value! : 0
}

describe('Show one rep', () => {
  test.each(runs)('a manager picks one of their reps and sees that rep’s figures ($name)', async (run) => {
    const words = text[run.locale]
    const page = await open(run, '/', 'manager@example.com')
    const me = (await (await page.request.get('/api/me')).json()) as { user: { id: number; team: { id: number } } }
    const people = ((await (await page.request.get('/api/users')).json()) as { users: Person[] }).users
    const rep = people.find((p) => p.active && p.teamId === me.user.team.id && p.id !== me.user.id)!

    const show = page.getByLabel(words.show, { exact: true })
    // The team's people are listed; the manager is "My own figures", not a rep of the list.
    await expect.poll(() => show.locator('optgroup option').allTextContents()).toContain(rep.name)
    expect(await show.locator('optgroup option').allTextContents()).not.toContain(
      people.find((p) => p.id === me.user.id)!.name,
    )
    await show.selectOption(`rep:${rep.id}`)
    await page.waitForURL((url) => url.searchParams.get('scope') === `rep:${rep.id}`)
    // The Calls gauge shows the rep's own count, as the API gives it for rep:<id>.
    const calls = await callsOf(page, rep.id)
    await page.getByRole('img', { name: new RegExp(`^${words.calls}: ${calls}\\b`) }).waitFor()
    // The heading, the tab and the printed page name the rep (not "Team dashboard", not "rep:12").
    await page.getByRole('heading', { level: 1, name: rep.name, exact: true }).waitFor()
    expect(await page.title()).toBe(`${rep.name} · Sales KPI dashboard`)
    expect(await page.locator('.print-header').getAttribute('data-text')).toMatch(new RegExp(`^${rep.name} · `))
    await screenshot(page, `show-rep-manager-${run.phone ? 'phone-nl' : 'desktop-en'}`)

    // Another team's rep typed into the URL: refused, with the reason in the page's language.
    const other = await otherTeamsRep(new Set(people.map((p) => p.id)))
    await page.goto(`/?scope=rep:${other}`)
    await page.getByRole('alert').getByText(words.forbidden).waitFor()
    await page.context().close()
  })

  test.each(runs)('a rep logs a call by mistake, undoes it, and the count goes back ($name)', async (run) => {
    const words = text[run.locale]
    const page = await open(run, '/my-targets', 'rep@example.com')
    const me = (await (await page.request.get('/api/me')).json()) as { user: { id: number } }
    const before = await callsOf(page, me.user.id)

    // "Call" is the default: logging is one click.
    expect(await page.getByLabel(words.type, { exact: true }).inputValue()).toBe('CALL')
    await page.getByRole('button', { name: words.log }).click()
    await page.getByText(words.saved).waitFor()
    expect(await callsOf(page, me.user.id)).toBe(before + 1)
    const recent = page.getByRole('region', { name: words.recent })
    await recent.getByRole('row').nth(1).waitFor()
    await screenshot(page, `show-rep-undo-${run.phone ? 'phone-nl' : 'desktop-en'}`)

    await page.getByRole('button', { name: words.undo }).click()
    await page.getByText(words.undone).waitFor()
    expect(await callsOf(page, me.user.id)).toBe(before)
    // And the dashboard's gauge says so too (the answer cache was invalidated by the delete).
    await page.goto('/')
    await page.getByRole('img', { name: new RegExp(`^${words.calls}: ${before}\\b`) }).waitFor()
    await page.context().close()
  })
})

/** A rep outside the demo manager's teams, found as the admin sees the organisation. */
async function otherTeamsRep(managerSees: Set<number>): Promise<number> {
  const { page } = await newPage(browser, server.baseUrl)
  await page.request.get('/api/me')
  const cookies = await page.context().cookies()
  const csrf = cookies.find((c) => c.name === 'kpi_csrf')?.value ?? ''
  const login = await page.request.post('/api/auth/login', {
    data: { email: 'admin@example.com', password: DEMO_PASSWORD },
    headers: { 'x-csrf-token': csrf },
  })
  expect(login.status()).toBe(200)
  const { users } = (await (await page.request.get('/api/users')).json()) as { users: Person[] }
  await page.context().close()
  return users.find((p) => p.active && p.teamId !== null && !managerSees.has(p.id))!.id
}
