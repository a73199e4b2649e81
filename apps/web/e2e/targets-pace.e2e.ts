import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, newPage, openBrowser, screenshot, signedIn } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const
const LABELS = {
  en: { email: 'Email', password: 'Password', submit: 'Sign in' },
  nl: { email: 'E-mail', password: 'Wachtwoord', submit: 'Inloggen' },
} as const
type Lang = keyof typeof LABELS

async function open(lang: Lang, viewport: keyof typeof VIEWPORTS, email: string, path: string) {
  const opened = await newPage(browser, baseUrl, { locale: lang === 'en' ? 'en-GB' : 'nl-NL' })
  await opened.page.setViewportSize(VIEWPORTS[viewport])
  await opened.page.goto(path)
  const labels = LABELS[lang]
  await opened.page.getByLabel(labels.email).fill(email)
  await opened.page.getByLabel(labels.password).fill(DEMO_PASSWORD)
  await opened.page.getByRole('button', { name: labels.submit }).click()
  await signedIn(opened.page)
  return opened
}

async function csrf(page: Page) {
  return { 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'kpi_csrf')!.value }
}

/** Sets (creates or overwrites) one target through the API as the signed-in admin. */
async function setTarget(page: Page, row: { kpiKey: string; scope: string; periodStart: string; value: number }) {
  const query = `scope=${row.scope}&period=month&kpiKey=${row.kpiKey}&from=${row.periodStart}&to=${row.periodStart}`
  const existing = (await (await page.request.get(`/api/targets?${query}`)).json()) as {
    targets: { version: number }[]
  }
  const version = existing.targets[0]?.version
  const response = await page.request.put('/api/targets', {
    headers: await csrf(page),
    data: { targets: [{ ...row, periodType: 'month', ...(version === undefined ? {} : { version }) }] },
  })
  expect(response.status(), await response.text()).toBe(200)
}

const noPageScroll = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    page.viewportSize()!.width,
  )

describe('Targets for weeks, derived from the month', () => {
  // March 2020 (before the demo data): 2 … 31 March has 22 weekdays and no Dutch holiday. Each case its own KPI.
  test.each([
    {
      lang: 'en',
      viewport: 'desktop',
      kpiKey: 'activity.calls',
      name: 'Calls',
      month: 220,
      note: 'Derived from the March 2020 target',
    },
    {
      lang: 'nl',
      viewport: 'phone',
      kpiKey: 'activity.meetings',
      name: 'Afspraken',
      month: 110,
      note: 'Afgeleid van het doel voor maart 2020',
    },
  ] as const)('$lang, $viewport: the week of 16 March 2020 shows its share of the March target', async (c) => {
    const { context, page } = await open(c.lang, c.viewport, 'admin@example.com', '/')
    const holidays = (await (await page.request.get('/api/settings/holidays')).json()) as {
      holidays: { date: string }[]
    }
    expect(holidays.holidays.filter((h) => h.date.startsWith('2020-03'))).toEqual([])
    await setTarget(page, { kpiKey: c.kpiKey, scope: 'team:1', periodStart: '2020-03-01', value: c.month })
    await page.goto('/?scope=team%3A1&period=week&date=2020-03-16')
    // Monday 16 … Friday 20 March: 5 of March's 22 working days.
    const expected = (c.month * 5) / 22 // 50 calls, 25 meetings
    // By its KPI's title: another test may have set a March 2020 target for another KPI on this shared server.
    const gauge = page
      .locator('.gauge')
      .filter({ has: page.locator('.gauge-title', { hasText: new RegExp(`^${c.name}$`) }) })
    await gauge.locator('.gauge-target-note', { hasText: c.note }).waitFor()
    expect(await gauge.locator('.gauge-target').textContent()).toMatch(
      new RegExp(`^${c.lang === 'en' ? 'Target' : 'Doel'} ${expected}( |$)`),
    )
    await noPageScroll(page)
    await gauge.scrollIntoViewIfNeeded()
    await screenshot(page, `targets-derived-week-${c.lang}-${c.viewport}`)
    await context.close()
  })
})

type RepAnswer = {
  workingDays: { remaining: number }
  focusAreas: { kpis: { key: string; value: { kind: string; value?: number } }[] }[]
}

describe('My targets', () => {
  test.each([
    { lang: 'en', viewport: 'desktop' },
    { lang: 'nl', viewport: 'phone' },
  ] as const)(
    '$lang, $viewport: a rep 5 proposals short reads a pace in whole proposals',
    async ({ lang, viewport }) => {
      // The admin makes the rep's proposal target this month exactly 5 more than the rep has now.
      const admin = await open('en', 'desktop', 'admin@example.com', '/')
      const reps = (await (await admin.page.request.get('/api/users')).json()) as {
        users: { id: number; email: string }[]
      }
      const rep = reps.users.find((u) => u.email === 'rep@example.com')!
      const answer = (await (
        await admin.page.request.get(`/api/dashboard?scope=rep:${rep.id}&period=month&locale=en`)
      ).json()) as RepAnswer & { period: { startDate: string } }
      const proposals = answer.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === 'activity.proposals')!
      const actual = proposals.value.value ?? 0
      await setTarget(admin.page, {
        kpiKey: 'activity.proposals',
        scope: `rep:${rep.id}`,
        periodStart: answer.period.startDate,
        value: actual + 5,
      })
      await admin.context.close()

      const days = answer.workingDays.remaining
      // The rounding rule (pace-text.ts): 5 over ≥ 5 days → one today, then one every ⌊(days − 1) ÷ 4⌋ working days;
      // 5 over fewer days → 5 ÷ days per working day to the nearest whole; no day left → what is short.
      const target = actual + 5
      const text = {
        en:
          days === 0
            ? `No working days left: 5 short of ${target}.`
            : days > 5
              ? `To reach ${target}: 1 more every ${Math.floor((days - 1) / 4)} working days (5 still needed, ${days} working days left).`
              : `To reach ${target}: ${Math.round(5 / days)} more per working day (5 still needed, ${days} working day${days === 1 ? '' : 's'} left).`,
        nl:
          days === 0
            ? `Geen werkdagen meer: nog 5 te gaan tot ${target}.`
            : days > 5
              ? `Om ${target} te halen: elke ${Math.floor((days - 1) / 4)} werkdagen 1 extra (nog 5 nodig, ${days} werkdagen te gaan).`
              : `Om ${target} te halen: ${Math.round(5 / days)} extra per werkdag (nog 5 nodig, ${days} werkdag${days === 1 ? '' : 'en'} te gaan).`,
      }[lang]
      const { context, page } = await open(lang, viewport, 'rep@example.com', '/my-targets')
      const pace = page.getByText(text)
      await pace.waitFor()
      await noPageScroll(page)
      await pace.scrollIntoViewIfNeeded()
      await screenshot(page, `my-targets-pace-${lang}-${viewport}`)
      await context.close()
    },
  )

  test.each([
    {
      lang: 'en',
      viewport: 'desktop',
      text: "You have no personal targets. Your team's figures are on the dashboard, and you set the targets of your team and its reps under Admin → Targets.",
      link: 'Set targets',
      heading: 'Targets',
    },
    {
      lang: 'nl',
      viewport: 'phone',
      text: 'Je hebt geen persoonlijke doelen. De cijfers van je team staan op het dashboard; de doelen van je team en je verkopers stel je in onder Beheer → Doelen.',
      link: 'Doelen instellen',
      heading: 'Doelen',
    },
  ] as const)('$lang, $viewport: a manager without personal targets is told where to go', async (c) => {
    const { context, page } = await open(c.lang, c.viewport, 'manager@example.com', '/my-targets')
    await page.getByText(c.text).waitFor()
    await noPageScroll(page)
    await screenshot(page, `my-targets-manager-${c.lang}-${c.viewport}`)
    await page.getByRole('link', { name: c.link }).click()
    await page.waitForURL((url) => url.pathname === '/admin' && url.hash === '#targets')
    await context.close()
  })
})
