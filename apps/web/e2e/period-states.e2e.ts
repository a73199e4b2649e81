import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'
import { startServer, type RunningServer } from './support/server.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

// Every expectation is derived from the server's own answer at the pinned clock (its `now`, its period), never
// from the date the test is written on: CI runs this at several dates (31 December 22:30, 1 December 00:30, …).

type Screen = { locale: 'en' | 'nl'; width: number; height: number; name: string }
const SCREENS: Screen[] = [
  { locale: 'en', width: 1440, height: 900, name: 'desktop' },
  { locale: 'nl', width: 390, height: 844, name: 'phone' },
]
const INTL = { en: 'en-GB', nl: 'nl-NL' }
const WORDS = {
  en: { notStarted: 'Not started', startsOn: 'Not started — starts on', soFarTo: 'so far (to' },
  nl: { notStarted: 'Nog niet begonnen', startsOn: 'Nog niet begonnen — begint op', soFarTo: 'tot nu toe (t/m' },
}

/** Signs in through the form in the page's language. */
async function signIn(page: Page, locale: 'en' | 'nl', email: string) {
  if (locale === 'en') return login(page, email)
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Wachtwoord').fill('demo1234')
  await page.getByRole('button', { name: 'Inloggen' }).click()
  await signedIn(page)
}

async function openAs(screen: Screen, email: string, url: string, server = baseUrl) {
  const { context, page } = await newPage(browser, server, { locale: INTL[screen.locale] })
  await page.setViewportSize({ width: screen.width, height: screen.height })
  await page.goto(url)
  await signIn(page, screen.locale, email)
  return { context, page }
}

/** A local date in words as the gauge writes it: "1 January 2027" / "1 januari 2027". */
const longDate = (localDate: string, locale: 'en' | 'nl') =>
  new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${localDate}T12:00:00Z`),
  )

describe('periods that have not started and the running period', () => {
  test.each(SCREENS)(
    "next month's dashboard says not started, without action points ($locale, $name)",
    async (screen) => {
      const { context, page } = await openAs(screen, 'manager@example.com', '/')
      try {
        const current = await page.request.get('/api/dashboard?period=month')
        expect(current.status()).toBe(200)
        const next = ((await current.json()) as { period: { endDate: string } }).period.endDate // its first day
        await page.goto(`/?period=month&date=${next}`)
        await page.locator('article.gauge').first().waitFor()
        await page.getByTestId('period-not-started').waitFor()
        const gauges = await page.locator('article.gauge').evaluateAll((all) =>
          all.map((g) => ({
            status: g.getAttribute('data-status'),
            chip: g.querySelector('.gauge-status')?.textContent,
            reason: g.querySelector('.gauge-reason')?.textContent,
            actions: g.querySelectorAll('.gauge-actions li').length,
          })),
        )
        expect(gauges.length).toBeGreaterThan(0)
        const words = WORDS[screen.locale]
        const reason = `${words.startsOn} ${longDate(next, screen.locale)}`
        for (const gauge of gauges)
          expect(gauge).toEqual({ status: 'not-started', chip: `○${words.notStarted}`, reason, actions: 0 })
        expect(await page.getByTestId('period-not-started').textContent()).toBe(`○ ${words.notStarted}`)
        // Every chip inside its card: "Nog niet begonnen" wraps on a 390 px phone instead of sticking out.
        const chipsOutside = await page.locator('article.gauge').evaluateAll((all) =>
          all.flatMap((g) => {
            const chip = g.querySelector('.gauge-status')!.getBoundingClientRect()
            const card = g.getBoundingClientRect()
            return chip.left >= card.left && chip.right <= card.right ? [] : [`${chip.right} > ${card.right}`]
          }),
        )
        expect(chipsOutside).toEqual([])
        // Usable on a phone: the page itself never scrolls sideways.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(screen.width)
        await screenshot(page, `period-not-started-${screen.name}-${screen.locale}`)
      } finally {
        await context.close()
      }
    },
  )

  test.each(SCREENS)(
    "the KPI detail's trend marks this month as running, 'so far' to today ($locale, $name)",
    async (screen) => {
      const { context, page } = await openAs(screen, 'manager@example.com', '/kpi/revenue.won?period=month')
      try {
        const detail = await page.request.get('/api/kpis/revenue.won?period=month')
        const trend = ((await detail.json()) as { kpi: { trend: { running: boolean; throughDate: string | null }[] } })
          .kpi.trend
        const running = trend.at(-1)!
        expect(running.running).toBe(true)
        const through = new Intl.DateTimeFormat(INTL[screen.locale], {
          day: 'numeric',
          month: 'short',
          timeZone: 'UTC',
        }).format(new Date(`${running.throughDate}T12:00:00Z`))

        const point = page.locator('[data-part="running-point"]')
        await point.waitFor()
        expect(await point.count()).toBe(1) // only the running period is hollow
        await point.scrollIntoViewIfNeeded()
        // Hover again until the tooltip is the running point's: the chart may still resize as the page settles.
        const tooltip = page.locator('.trend-tooltip')
        await expect
          .poll(async () => {
            await point.hover({ force: true })
            return (await tooltip.count()) > 0 ? tooltip.textContent() : ''
          })
          .toContain(`${WORDS[screen.locale].soFarTo} ${through})`)
        await screenshot(page, `trend-running-${screen.name}-${screen.locale}`)
      } finally {
        await context.close()
      }
    },
  )
})

describe('notifications', () => {
  let server: RunningServer
  // Its own server: the story changes the organisation's won-revenue threshold, which the other files read.
  beforeAll(async () => {
    server = await startServer()
  }, 300_000)
  afterAll(async () => {
    await server?.stop()
  })

  test('a change says its period and when, read ones stay as history, Esc closes the list', async () => {
    const desktop = SCREENS[0]!
    const { context, page } = await openAs(desktop, 'admin@example.com', '/', server.baseUrl)
    try {
      const csrf = (await page.context().cookies()).find((c) => c.name === 'kpi_csrf')!.value
      const setThreshold = async (greenFrom: number, orangeFrom: number) => {
        const list = (await (await page.request.get('/api/thresholds')).json()) as {
          thresholds: { kpiKey: string; orgDefault: { version: number | null } | null }[]
        }
        const version = list.thresholds.find((t) => t.kpiKey === 'revenue.won')?.orgDefault?.version ?? null
        const response = await page.request.put('/api/thresholds/revenue.won', {
          headers: { 'x-csrf-token': csrf },
          data: { mode: 'absolute', greenFrom, orangeFrom, ...(version === null ? {} : { version }) },
        })
        expect(response.status(), await response.text()).toBe(200)
      }
      const texts = async () =>
        ((await (await page.request.get('/api/notifications')).json()) as { items: { text: string }[] }).items.map(
          (i) => i.text,
        )
      // Out of reach for everyone (red), then within reach of everyone (green): each watched scope changes colour
      // (the detector runs in the background after each change; under load it may take a while).
      await setThreshold(1e12, 1e11)
      await page.waitForTimeout(10_000)
      await setThreshold(0, -1)
      await expect
        .poll(async () => (await texts()).some((t) => / turned green — week \d+$/.test(t)), {
          timeout: 300_000,
          interval: 5_000,
        })
        .toBe(true)

      const dashboard = (await (await page.request.get('/api/dashboard?period=month')).json()) as {
        period: { startDate: string }
      }
      const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${dashboard.period.startDate}T12:00:00Z`),
      )
      // The same change for the month and the week: two notices, each naming its period.
      const all = await texts()
      expect(all.some((t) => t.startsWith('Won revenue for ') && t.endsWith(` turned green — ${month}`))).toBe(true)
      expect(all.some((t) => / turned green — week \d+$/.test(t))).toBe(true)

      await page.reload()
      const bell = page.getByRole('button', { name: /^Notifications, \d+ unread$/ })
      await bell.click()
      const items = page.locator('.bell-panel li')
      await items.first().waitFor()
      const first = await items.first().evaluate((li) => ({
        text: li.querySelector('a')?.textContent,
        time: li.querySelector('time')?.textContent,
        title: li.querySelector('time')?.getAttribute('title'),
      }))
      expect(first.text).toMatch(/ turned (green|red) — (week \d+|\p{L}+ \d{4})$/u)
      expect(first.time).toMatch(/ago$|^now$/) // written moments ago
      expect(first.title).toMatch(/\d{4}, \d{2}:\d{2}$/) // "25 Nov 2026, 10:00"
      await screenshot(page, 'notifications-history')

      // Read ones stay listed, greyed.
      const shown = await items.count()
      await page.getByRole('button', { name: 'Mark all read' }).click()
      await page.getByRole('button', { name: 'Notifications, 0 unread' }).waitFor()
      expect(await items.count()).toBe(shown)
      expect(await items.evaluateAll((all) => all.every((li) => li.getAttribute('data-read') === 'true'))).toBe(true)

      await items.first().locator('a').focus()
      await page.keyboard.press('Escape')
      await expect.poll(() => page.locator('.bell-panel').count()).toBe(0)
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
        'Notifications, 0 unread',
      )
    } catch (error) {
      console.log(server.output().slice(-4000)) // what the detector said
      throw error
    } finally {
      await context.close()
    }
  }, 600_000)
})
