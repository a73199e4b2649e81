import { QueryClient } from '@tanstack/react-query'
import { fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { App } from './app.tsx'
import { LOCALE_STORAGE_KEY } from './i18n/i18n.tsx'

function renderApp(path = '/', locale?: 'en' | 'nl') {
  window.history.replaceState(null, '', path)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(<App queryClient={queryClient} {...(locale ? { locale } : {})} />)
}

afterEach(() => window.history.replaceState(null, '', '/'))

describe('shell', () => {
  test('header with app name, the three nav entries and the current page marked', () => {
    renderApp('/')
    const nav = screen.getByRole('navigation', { name: 'Main' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Dashboard', 'My targets', 'Admin'])
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page')
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Team dashboard')
  })

  test('the language switch translates the page, persists the choice and sets <html lang>', () => {
    renderApp('/')
    fireEvent.click(screen.getByRole('button', { name: 'NL' }))
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Teamdashboard')
    expect(screen.getByRole('button', { name: 'NL' }).getAttribute('aria-pressed')).toBe('true')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('nl')
    expect(document.documentElement.lang).toBe('nl')
  })

  test('the stored language is used on the next visit', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'nl')
    renderApp('/')
    expect(screen.getByRole('link', { name: 'Mijn doelen' })).toBeDefined()
  })
})

describe('pages', () => {
  test('the dashboard shows the six focus areas in rank order, each with gauges', () => {
    renderApp('/')
    const areas = screen.getAllByRole('region').filter((r) => r.classList.contains('focus-area'))
    expect(areas.map((a) => within(a).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'Lead flow',
      'Result',
      'Sales activity',
      'Customer retention',
      'Team motivation',
      'Team labour efficiency',
    ])
    expect(within(areas[1]!).getByRole('img', { name: /^Won revenue: €184,500 of €250,000 target/ })).toBeDefined()
  })

  test('a gauge title opens the lazy-loaded KPI detail page with its trend chart', async () => {
    renderApp('/')
    fireEvent.click(screen.getByRole('button', { name: 'Won revenue' }))
    expect(window.location.pathname).toBe('/kpi/revenue.won')
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Won revenue')
    // sample series Jun 212,000 … Nov 184,500 against a 250,000 target
    expect(
      screen.getByRole('img', {
        name: 'Won revenue over the last six months: from €212,000 to €184,500, target €250,000',
      }),
    ).toBeDefined()
  })

  test.each([
    { path: '/admin', heading: 'Admin' },
    { path: '/admin/import', heading: 'Import data' },
    { path: '/my-targets', heading: 'My targets' },
    { path: '/does-not-exist', heading: 'Page not found' },
    { path: '/kpi/no.such_kpi', heading: 'Unknown KPI' },
  ])('$path renders "$heading"', async ({ path, heading }) => {
    renderApp(path, 'en')
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe(heading)
  })
})
