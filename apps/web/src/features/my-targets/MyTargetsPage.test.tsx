import { QueryClient } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { App } from '../../app.tsx'
import { MANAGER_ME, startAppShellApi } from '../../test/app-shell-answers.ts'
import type { AppShellApi } from '../../test/app-shell-answers.ts'
import teamNorth from '../../test/fixtures/dashboard-manager.json'
import { numberOf } from '../../lib/figures/gauge-props.ts'
import type { Dashboard, DashboardKpi } from '@kpi/contract/dashboard'

// Team North's month, as the real API answered it (scope team:1, 4 of 21 working days left). The rep's own answer
// is the same month cut down to three KPIs with the rep's own figures and targets.
const team = teamNorth as unknown as Dashboard
const teamKpi = (key: string) => team.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === key)!

function repKpi(key: string, value: number, full: number, comparison: number, pace: number): DashboardKpi {
  return {
    ...teamKpi(key),
    value: { kind: 'value', value },
    target: {
      full,
      comparison,
      source: 'own',
      attainmentPercent: null,
      gapToComparison: comparison - value,
      gapToFull: full - value,
      pacePerDay: { kind: 'value', value: pace },
    },
  }
}

const repDashboard: Dashboard = {
  ...team,
  scope: 'rep:3',
  focusAreas: [
    {
      key: 'result',
      name: 'Result',
      rank: 2,
      kpis: [repKpi('revenue.won', 64_460, 60_000, 51_428.57, 0)],
    },
    {
      key: 'sales-activity',
      name: 'Sales activity',
      rank: 3,
      kpis: [repKpi('activity.meetings', 20, 30, 25.71, 2.5), repKpi('activity.proposals', 6, 10, 8.57, 1)],
    },
  ],
}

const REP = {
  ...MANAGER_ME,
  user: {
    id: 3,
    name: 'Tim Dijkstra',
    email: 'rep@example.com',
    role: 'rep',
    team: { id: 1, name: 'North' },
    managedTeams: [],
    teams: [{ id: 1, name: 'North' }],
  },
}

let api: AppShellApi | undefined

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

async function openMyTargets(locale: 'en' | 'nl' = 'en', teamAnswer: Dashboard = team) {
  api = await startAppShellApi({ me: REP, dashboard: (scope) => (scope === 'team:1' ? teamAnswer : repDashboard) })
  window.history.replaceState(null, '', '/my-targets')
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(<App queryClient={queryClient} locale={locale} />)
}

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent)

describe('My targets: team totals', () => {
  test("the team's total, target, status and daily need for the rep's KPIs, from the team scope", async () => {
    await openMyTargets()
    const block = await screen.findByRole('region', { name: 'Team North: totals this month' })
    const rows = await within(block).findAllByRole('row')
    const byKpi = Object.fromEntries(rows.slice(1).map((row) => [within(row).getByRole('rowheader').textContent, row]))
    // Same KPIs as the rep's own gauges; the team's calls (no rep target here) are not listed.
    expect(Object.keys(byKpi)).toEqual(['Won revenue', 'Meetings', 'Proposals sent'])
    // 185,000 − 175,690 = 9,310 still needed over 4 working days → 2,327.50 → €2,328 a day (rounded up)
    expect(cells(byKpi['Won revenue']!)).toEqual([
      '€175,690 ✓ On track',
      'Target €185,000 (pro-rated €158,571)',
      'For the team to reach €185,000: €2,328 more per working day (€9,310 still needed, 4 working days left).',
    ])
    // 170 meetings against 155: reached. Pro-rated counts show one decimal: 155 × 18 ÷ 21 working days = 132.857…
    expect(cells(byKpi['Meetings']!)).toEqual([
      '170 ✓ On track',
      'Target 155 (pro-rated 132.9)',
      'The team has reached its target of 155.',
    ])
    // 55 − 44 = 11 over 4 days = 2.75 → 3 a day (nearest whole); 44 of 47.14 pro-rated is orange
    expect(cells(byKpi['Proposals sent']!)).toEqual([
      '44 ! Needs attention',
      'Target 55 (pro-rated 47.1)',
      'For the team to reach 55: 3 more per working day (11 still needed, 4 working days left).',
    ])
    expect(api?.lines()).toContain('GET /api/dashboard?period=month&locale=en&scope=team%3A1')
  })

  test('after the last working day: what the team is still short, not a pace over 0 days', async () => {
    // The same month on its last evening: no working day left, so the API has no pace (zero-denominator).
    const lastEvening: Dashboard = {
      ...team,
      workingDays: { ...team.workingDays, elapsed: team.workingDays.total, remaining: 0 },
      focusAreas: team.focusAreas.map((area) => ({
        ...area,
        kpis: area.kpis.map((kpi) =>
          kpi.target && numberOf(kpi.target.pacePerDay) !== 0
            ? { ...kpi, target: { ...kpi.target, pacePerDay: { kind: 'none', reason: 'zero-denominator' } } }
            : kpi,
        ),
      })),
    } as Dashboard
    await openMyTargets('en', lastEvening)
    const block = await screen.findByRole('region', { name: 'Team North: totals this month' })
    const row = (await within(block).findAllByRole('row')).find((r) => r.textContent?.startsWith('Proposals sent'))!
    // 55 − 44 = 11 short
    expect(cells(row)[2]).toBe('No working days left: the team is 11 short of 55.')
  })

  test("the rep's own gauges stay their own, with their pace in plain words", async () => {
    await openMyTargets()
    await screen.findByRole('img', { name: /^Meetings: 20 of 30 target/ })
    // (30 − 20) / 4 days = 2.5 → "3" a day at 0 decimals
    expect(
      screen.getByText('To reach 30: 3 more per working day (10 still needed, 4 working days left).'),
    ).toBeDefined()
    expect(screen.getByText('Target €60,000 reached. Well done.')).toBeDefined()
  })

  test('in Dutch', async () => {
    await openMyTargets('nl')
    const block = await screen.findByRole('region', { name: 'Team North: totalen deze maand' })
    await within(block).findByText(
      'Om als team € 185.000 te halen: € 2.328 extra per werkdag (nog € 9.310 nodig, 4 werkdagen te gaan).',
    )
  })
})

describe('My targets without personal targets', () => {
  /** The manager's own answer: the same month with no target for them personally. */
  const noTargets: Dashboard = {
    ...team,
    scope: 'rep:2',
    focusAreas: team.focusAreas.map((area) => ({ ...area, kpis: area.kpis.map((kpi) => ({ ...kpi, target: null })) })),
  }

  async function openAs(me: typeof MANAGER_ME, locale: 'en' | 'nl' = 'en') {
    api = await startAppShellApi({ me, dashboard: (scope) => (scope === 'team:1' ? team : noTargets) })
    window.history.replaceState(null, '', '/my-targets')
    render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} locale={locale} />)
  }

  test('a manager is told where the figures and the targets are, with links that work for a manager', async () => {
    await openAs(MANAGER_ME)
    await screen.findByText(
      "You have no personal targets. Your team's figures are on the dashboard, and you set the targets of your team and its reps under Admin → Targets.",
    )
    expect(screen.getByRole('link', { name: 'Open the dashboard' }).getAttribute('href')).toBe('/')
    expect(screen.getByRole('link', { name: 'Set targets' }).getAttribute('href')).toBe('/admin#targets')
    expect(screen.queryByText(/Pick another team or period/)).toBeNull()
  })

  test('an admin, in Dutch', async () => {
    await openAs({ ...MANAGER_ME, user: { ...MANAGER_ME.user, role: 'admin' } }, 'nl')
    await screen.findByText(
      'Je hebt geen persoonlijke doelen. De cijfers van de organisatie en van elk team staan op het dashboard; doelen stel je in onder Beheer → Doelen.',
    )
    expect(screen.getByRole('link', { name: 'Doelen instellen' }).getAttribute('href')).toBe('/admin#targets')
  })

  test('a rep without targets is told who sets them, without links to pages a rep cannot open', async () => {
    await openAs(REP)
    await screen.findByText(
      "No targets have been set for you this month yet. Your manager or an admin sets them; until then your team's totals are below.",
    )
    expect(screen.queryByRole('link', { name: 'Set targets' })).toBeNull()
  })
})
