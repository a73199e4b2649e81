import { screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { I18nProvider } from '../../i18n/i18n.tsx'
import { renderWithRouter } from '../../test/render-with-router.tsx'
import { Leaderboard } from './Leaderboard.tsx'
import type { LeaderboardRow } from '@kpi/contract/dashboard'

const rep = (id: number, name: string, value: number | null, status: LeaderboardRow['status']): LeaderboardRow => ({
  key: `rep:${id}`,
  name,
  value: value === null ? { kind: 'none', reason: 'no-data' } : { kind: 'value', value },
  target: value === null ? null : 2000,
  status,
})
// In the API's order (by name), not by result.
const rows = [
  rep(1, 'Anna', 3000, 'green'),
  rep(2, 'Bram', 500, 'red'),
  rep(3, 'Cees', 1900, 'orange'),
  rep(4, 'Dirk', null, 'no-data'),
  rep(5, 'Eva', 1900, 'orange'),
]

const table = async (direction: 'higher' | 'lower', locale: 'en' | 'nl' = 'en') => {
  await renderWithRouter(
    <I18nProvider locale={locale}>
      <Leaderboard
        rows={rows}
        direction={direction}
        format={(v) => `€${v}`}
        kpiKey="revenue.won"
        repSearch={(scope) => ({ scope })}
      />
    </I18nProvider>,
  )
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent))
}

describe('Leaderboard', () => {
  test('higher is better: best first, equal values share a rank, no value last and unranked', async () => {
    expect(await table('higher')).toEqual([
      ['1', 'Anna', '€3000', '€2000', '✓On track'],
      ['2', 'Cees', '€1900', '€2000', '!Needs attention'],
      ['2', 'Eva', '€1900', '€2000', '!Needs attention'],
      ['4', 'Bram', '€500', '€2000', '✕Critical'],
      ['–', 'Dirk', '—', '—', '?No data'],
    ])
  })

  test('lower is better: the smallest value ranks first', async () => {
    expect((await table('lower')).map(([rank, name]) => `${rank} ${name}`)).toEqual([
      '1 Bram',
      '2 Cees',
      '2 Eva',
      '4 Anna',
      '– Dirk',
    ])
  })

  test('each rep links to their own figures for the same KPI; Dutch labels', async () => {
    await table('higher', 'nl')
    const link = screen.getByRole('link', { name: 'Open de cijfers van Bram' })
    expect(link.getAttribute('href')).toBe('/kpi/revenue.won?scope=rep:2')
    expect(screen.getByRole('columnheader', { name: 'Plaats' })).toBeTruthy()
  })

  test('no reps: says how to get a comparison', async () => {
    await renderWithRouter(
      <Leaderboard
        rows={[]}
        direction="higher"
        format={String}
        kpiKey="revenue.won"
        repSearch={(scope) => ({ scope })}
      />,
    )
    expect(
      screen.getByText('No per-rep figures for this selection. Pick a team above to compare its reps.'),
    ).toBeTruthy()
  })
})

test.each([
  ['en', 'Your admin has turned off the team leaderboard; you see your own figures.'],
  ['nl', 'Je beheerder heeft de ranglijst van het team uitgezet; je ziet je eigen cijfers.'],
] as const)('a rep’s one-line board with the team leaderboard off says why (%s)', async (locale, text) => {
  await renderWithRouter(
    <I18nProvider locale={locale}>
      <Leaderboard
        rows={[rows[0]!]}
        direction="higher"
        format={(v) => `€${v}`}
        kpiKey="revenue.won"
        repSearch={(scope) => ({ scope })}
        ownLineOnly
      />
    </I18nProvider>,
  )
  expect(screen.getByText(text)).toBeTruthy()
  expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2)
})
