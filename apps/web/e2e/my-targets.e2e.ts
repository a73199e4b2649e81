import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { login, newPage, openBrowser, screenshot } from './support/browser.ts'

const baseUrl = inject('baseUrl')
let browser: Browser

beforeAll(async () => {
  browser = await openBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The leading number of a gauge's accessible name: "Meetings: 12 of 20 target …" → 12. */
function leadingNumber(label: string): number {
  const match = /:\s*([\d.,]+)/.exec(label)
  return Number((match?.[1] ?? 'NaN').replace(/,/g, ''))
}

describe('My targets', () => {
  test('a rep logs a meeting and the meetings gauge goes up by one', async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/my-targets')
    await login(page, 'rep@example.com')
    const gauge = page.getByRole('img', { name: /^Meetings: / })
    await gauge.waitFor()
    const before = leadingNumber((await gauge.getAttribute('aria-label')) ?? '')
    expect(Number.isFinite(before)).toBe(true)
    await screenshot(page, 'my-targets-rep')
    await page.getByLabel('Type').selectOption('MEETING')
    await page.getByRole('button', { name: 'Log activity' }).click()
    await page.getByText('Saved. Your gauges are being updated.').waitFor()
    // before + 1: the one meeting just logged, happening now, inside the current month.
    await page.getByRole('img', { name: new RegExp(`^Meetings: ${before + 1} `) }).waitFor()
    await context.close()
  })
})

type TeamKpi = {
  key: string
  value: { kind: string; value?: number }
  target: { full: number; comparison: number } | null
  breakdown?: { key: string; value: { kind: string; value?: number } }[]
}
type TeamAnswer = { workingDays: { remaining: number }; focusAreas: { kpis: TeamKpi[] }[] }

/** Whole euros as the app writes them in English: 184510 → "€184,510". */
const euros = (amount: number) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(amount)

const cellsOf = async (row: Locator) => row.getByRole('cell').allTextContents()

describe('My targets: team totals', () => {
  test("a rep sees team North's won revenue as the sum of its members, with what the team needs per day", async () => {
    // The manager's view of team North this month, with the figure of every member (the rep leaderboard).
    const manager = await newPage(browser, baseUrl)
    await manager.page.goto('/')
    await login(manager.page, 'manager@example.com')
    const response = await manager.page.request.get('/api/dashboard?scope=team:1&period=month&locale=en')
    expect(response.status()).toBe(200)
    const team = (await response.json()) as TeamAnswer
    await manager.context.close()
    const won = team.focusAreas.flatMap((area) => area.kpis).find((kpi) => kpi.key === 'revenue.won')!
    const members = won.breakdown ?? []
    expect(members.length).toBeGreaterThan(1)
    // By hand: the team's won revenue is what its members won, added up.
    const total = members.reduce((sum, member) => sum + (member.value.value ?? 0), 0)
    const { full, comparison } = won.target!
    const days = team.workingDays.remaining

    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/my-targets')
    await login(page, 'rep@example.com')
    const block = page.getByRole('region', { name: 'Team North: totals this month' })
    const row = block.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Won revenue' }) })
    await row.waitFor()
    const [value, target, needed] = await cellsOf(row)
    expect(value).toMatch(new RegExp(`^${euros(total)} `))
    // Pro-rated by the working days gone; once none is left (the last evening of the month) the full target.
    expect(target).toBe(
      comparison === full ? `Target ${euros(full)}` : `Target ${euros(full)} (pro-rated ${euros(comparison)})`,
    )
    // (full target − total) spread over the working days left, rounded up to whole euros (never short of the need).
    const daysLeft = days === 1 ? '1 working day' : `${days} working days`
    expect(needed).toBe(
      total >= full
        ? `The team has reached its target of ${euros(full)}.`
        : days === 0
          ? `No working days left: the team is ${euros(full - total)} short of ${euros(full)}.`
          : `For the team to reach ${euros(full)}: ${euros(Math.ceil((full - total) / days - 1e-9))} more per working day (${euros(full - total)} still needed, ${daysLeft} left).`,
    )
    await context.close()
  })

  test("a meeting the rep logs counts in the team's total too", async () => {
    const { context, page } = await newPage(browser, baseUrl)
    await page.goto('/my-targets')
    await login(page, 'rep@example.com')
    const meetings = page
      .getByRole('region', { name: 'Team North: totals this month' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Meetings' }) })
      .getByRole('cell')
      .first()
    await meetings.waitFor()
    const before = Number.parseInt((await meetings.textContent()) ?? '', 10)
    expect(Number.isFinite(before)).toBe(true)
    await page.getByLabel('Type').selectOption('MEETING')
    await page.getByRole('button', { name: 'Log activity' }).click()
    await page.getByText('Saved. Your gauges are being updated.').waitFor()
    // before + 1: the rep is in team North, and the meeting happens now, inside this month.
    await meetings.filter({ hasText: new RegExp(`^${before + 1} `) }).waitFor()
    await context.close()
  })
})
