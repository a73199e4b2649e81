import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderAppAt } from './test/render-app.tsx'
import { LOCALE_STORAGE_KEY } from './i18n/i18n.tsx'
import { startAppShellApi } from './test/app-shell-answers.ts'
import type { AppShellApi } from './test/app-shell-answers.ts'

let api: AppShellApi | undefined

async function renderApp(path = '/', { locale, signedIn = true }: { locale?: 'en' | 'nl'; signedIn?: boolean } = {}) {
  api = await startAppShellApi({ signedIn })
  return renderAppAt(path, { locale })
}

afterEach(async () => {
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

describe('session', () => {
  test('without a session the login form is shown; a wrong password says so; the right one opens the page', async () => {
    await renderApp('/?period=week', { signedIn: false })
    await screen.findByRole('heading', { level: 1, name: 'Sign in' })
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull()
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'manager@example.com' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/not right/)
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'demo1234' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    // Back on the page that was asked for, with its query intact.
    expect(window.location.search).toBe('?period=week')
  })

  test('one email and password in two organisations: the form asks which one, then signs in there', async () => {
    await renderApp('/', { signedIn: false })
    await screen.findByRole('heading', { level: 1, name: 'Sign in' })
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'consultant@example.com' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'demo1234' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    const choice = await screen.findByLabelText('Organisation')
    expect(screen.getByRole('alert').textContent).toMatch(/more than one organisation/)
    expect([...(choice as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'Demo Sales B.V.',
      'Other Sales B.V.',
    ])
    fireEvent.change(choice, { target: { value: '7' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(api!.logins.at(-1)).toEqual({ email: 'consultant@example.com', organizationId: 7 })
  })

  test('too many attempts: the wait the server names is shown', async () => {
    await renderApp('/', { signedIn: false })
    await screen.findByRole('heading', { level: 1, name: 'Sign in' })
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'locked@example.com' } })
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'whatever' } })
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Too many attempts. Try again in 2 min.')
  })

  test('sign out returns to the login form', async () => {
    await renderApp('/')
    fireEvent.click(await screen.findByRole('button', { name: 'Account menu of Eva Vos' }))
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }))
    await screen.findByRole('heading', { level: 1, name: 'Sign in' })
  })
})

describe('shell', () => {
  test('a manager sees Dashboard, My targets, My team (inviting reps) and Security but no Admin entry; the current page is marked', async () => {
    await renderApp('/')
    const nav = await screen.findByRole('navigation', { name: 'Main' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Dashboard', 'My targets', 'My team', 'Security'])
    expect(within(nav).getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBe('page')
  })

  test('the user menu says who is signed in (name, role, team), links to their security page, closes on Esc with focus back on its button', async () => {
    await renderApp('/')
    const toggle = await screen.findByRole('button', { name: 'Account menu of Eva Vos' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull()
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    const panel = document.getElementById(toggle.getAttribute('aria-controls')!)!
    expect(panel.textContent).toContain('Signed in as Eva Vos')
    expect(panel.textContent).toContain('Manager · Manages North')
    expect(
      within(panel)
        .getByRole('link', { name: /My security/ })
        .getAttribute('href'),
    ).toBe('/me/security')
    within(panel).getByRole('button', { name: 'Sign out' }).focus()
    fireEvent.keyDown(panel, { key: 'Escape' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(toggle)
  })

  test("after a navigation focus is on the new page's h1 and its title is announced; not on the first load", async () => {
    await renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(document.activeElement).toBe(document.body)
    const nav = screen.getByRole('navigation', { name: 'Main' })
    fireEvent.click(within(nav).getByRole('link', { name: 'Security' }))
    const heading = await screen.findByRole('heading', { level: 1, name: 'Security' })
    await waitFor(() => expect(document.activeElement).toBe(heading))
    expect(heading.tabIndex).toBe(-1)
    expect(screen.getByRole('status').textContent).toBe('Security')
  })

  test('the language switch translates the page, persists the choice and sets <html lang>', async () => {
    await renderApp('/')
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    fireEvent.click(screen.getByRole('button', { name: /^Account menu of / }))
    fireEvent.click(screen.getByRole('button', { name: 'NL' }))
    const nav = screen.getByRole('navigation', { name: 'Hoofdmenu' })
    expect(within(nav).getByRole('link', { name: 'Mijn doelen' })).toBeDefined()
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('nl')
    expect(document.documentElement.lang).toBe('nl')
  })
})

describe('dashboard', () => {
  test('focus areas in rank order with gauges named by value, target and status', async () => {
    await renderApp('/', { locale: 'en' })
    await screen.findByText('November 2026')
    const areas = screen.getAllByRole('region').filter((r) => r.classList.contains('focus-area'))
    expect(areas.map((a) => within(a).getByRole('heading', { level: 2 }).textContent)).toEqual([
      'Lead flow',
      'Result',
      'Sales activity',
      'Customer retention',
      'Team motivation',
      'Team labour efficiency',
    ])
    // fixture: 175,690 won against 185,000 full and 185,000 × 18/21 = 158,571.43 pro-rated → green; the demo's
    // threshold (green from 100 %, orange from 85 % of the pro-rated target) puts orange from 134,785.71.
    expect(
      within(areas[1]!).getByRole('img', {
        name: 'Won revenue: €175,690 of €185,000 target (pro-rated €158,571), green, on track. Orange from €134,786, green from €158,571',
      }),
    ).toBeDefined()
    expect(api?.lines()).toContain('GET /api/dashboard?period=month&locale=en')
  })

  test('the period picker writes the URL and refetches with it', async () => {
    await renderApp('/', { locale: 'en' })
    await screen.findByText('November 2026')
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'quarter' } })
    // The router commits a navigation asynchronously (after the route's guards), hence waitFor.
    await waitFor(() => expect(window.location.search).toBe('?period=quarter'))
    // The old answer stays on screen while the new one loads (the fixture answers every period with November), so
    // wait for the request itself rather than for text that is already there.
    await waitFor(() => expect(api?.lines()).toContain('GET /api/dashboard?period=quarter&locale=en'))
    await screen.findByText('November 2026')
  })

  test("the heading, the tab's title and the print header name whose figures these are", async () => {
    await renderApp('/', { locale: 'en' })
    await screen.findByRole('heading', { level: 1, name: 'Team North' }) // fixture: team:1, scopeName North
    expect(document.title).toBe('Team North · Sales KPI dashboard')
    expect(document.querySelector('.print-header')?.getAttribute('data-text')).toMatch(/^Team North · November 2026 · /)
  })

  test.each([
    { locale: 'en' as const, text: 'You may not view these figures. Go back to your own dashboard.' },
    { locale: 'nl' as const, text: 'Je mag deze cijfers niet bekijken. Ga terug naar je eigen dashboard.' },
  ])(
    'a scope the user may not see shows a friendly message in $locale, not the API’s English',
    async ({ locale, text }) => {
      await renderApp('/?scope=org', { locale })
      const alert = await screen.findByRole('alert')
      expect(alert.textContent).toContain(text)
      expect(alert.textContent).not.toContain('You may not view the figures of')
    },
  )
})

describe('pages', () => {
  test.each([
    { path: '/admin', heading: 'Admin' },
    { path: '/admin/import', heading: 'Import data' },
    { path: '/my-targets', heading: 'My targets' },
    { path: '/does-not-exist', heading: 'Page not found' },
    { path: '/kpi/no.such_kpi', heading: 'Unknown KPI' },
  ])('$path renders "$heading"', async ({ path, heading }) => {
    await renderApp(path, { locale: 'en' })
    expect((await screen.findByRole('heading', { level: 1, name: heading })).textContent).toBe(heading)
  })
})
