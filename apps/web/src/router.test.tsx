import { QueryClient } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { App } from './app.tsx'
import { createAppRouter } from './router.tsx'
import { MANAGER_ME, startAppShellApi } from './test/app-shell-answers.ts'
import type { AppShellApi } from './test/app-shell-answers.ts'

describe('route matching', () => {
  const router = createAppRouter(new QueryClient())
  const leaf = (path: string) => {
    const matches = router.matchRoutes(path, {})
    const last = matches.at(-1)!
    return { routeId: last.routeId, params: last.params }
  }

  test.each([
    { path: '/', routeId: '/' },
    { path: '/my-targets', routeId: '/my-targets' },
    { path: '/my-targets/', routeId: '/my-targets' }, // a trailing slash is ignored
    { path: '/admin', routeId: '/admin' },
    { path: '/admin/import', routeId: '/admin/import' },
    { path: '/admin/products', routeId: '/admin/products' },
    { path: '/admin/digests', routeId: '/admin/digests' },
    { path: '/me/digest', routeId: '/me/digest' },
    { path: '/wallboard', routeId: '/wallboard' },
  ])('$path → $routeId', ({ path, routeId }) => {
    expect(leaf(path)).toMatchObject({ routeId })
  })

  test.each([
    { path: '/kpi/revenue.won', kpiKey: 'revenue.won' },
    { path: '/kpi/a%20b', kpiKey: 'a b' }, // URI-decoded
  ])('$path → the KPI detail of "$kpiKey"', ({ path, kpiKey }) => {
    expect(leaf(path)).toMatchObject({ routeId: '/kpi/$kpiKey', params: { kpiKey } })
  })

  test('a KPI link is built from the route and its params, the inverse of matching', () => {
    const location = router.buildLocation({
      to: '/kpi/$kpiKey',
      params: { kpiKey: 'deals.win_rate' },
      search: { scope: 'team:1', period: 'week' },
    })
    expect(location.href).toBe('/kpi/deals.win_rate?scope=team:1&period=week')
  })
})

describe('search params are checked by the route (routes/search.ts)', () => {
  const router = createAppRouter(new QueryClient())
  const searchOf = (href: string) => router.matchRoutes(router.buildLocation({ href } as never)).at(-1)!.search

  test('good values are typed: numbers are numbers', () => {
    expect(
      searchOf('/kpi/revenue.won?scope=team:1&period=week&date=2026-11-20&page=2&pageSize=50&sort=-amount'),
    ).toEqual({
      scope: 'team:1',
      period: 'week',
      date: '2026-11-20',
      page: 2,
      pageSize: 50,
      sort: '-amount',
    })
  })

  test('bad values are dropped (the page uses its default) instead of failing the page', () => {
    // "fortnight" is no period type, page 0 is before the first, 7 is not a page size.
    expect(searchOf('/kpi/revenue.won?period=fortnight&page=0&pageSize=7&sort=amount')).toEqual({ sort: 'amount' })
  })
})

describe('role guards', () => {
  let api: AppShellApi | undefined
  afterEach(async () => {
    window.history.replaceState(null, '', '/')
    await api?.close()
    api = undefined
  })

  const asRole = (role: 'admin' | 'manager' | 'rep') => ({ ...MANAGER_ME, user: { ...MANAGER_ME.user, role } })

  async function open(path: string, role: 'admin' | 'manager' | 'rep') {
    api = await startAppShellApi({ me: asRole(role) as typeof MANAGER_ME })
    window.history.replaceState(null, '', path)
    render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} locale="en" />)
  }

  test.each(['/admin', '/admin#settings', '/admin/import', '/admin/products', '/admin/digests'])(
    'a rep opening %s sees why, never a form',
    async (path) => {
      await open(path, 'rep')
      await screen.findByRole('heading', { level: 1, name: 'This page is not for your role' })
      expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy() // inside the shell
      expect(screen.queryByRole('button', { name: /save/i })).toBeNull()
      expect(screen.queryByRole('navigation', { name: 'Admin' })).toBeNull()
      expect(screen.getByRole('link', { name: 'Go to the dashboard' }).getAttribute('href')).toBe('/')
      // The admin code was not even downloaded for them: no request for its data either.
      expect(api!.lines().filter((r) => !/^GET \/api\/(me|notifications)/.test(r))).toEqual([])
    },
  )

  test('a manager sees only what the API lets a manager change: targets and the import', async () => {
    await open('/admin#settings', 'manager')
    const nav = await screen.findByRole('navigation', { name: 'Admin' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Targets', 'Import & export'])
    // #settings is not theirs: the first section they may use is shown instead.
    expect(within(nav).getByRole('link', { name: 'Targets' }).getAttribute('aria-current')).toBe('page')
  })

  test('an admin sees every section, and the hash opens one', async () => {
    await open('/admin#layout', 'admin')
    const nav = await screen.findByRole('navigation', { name: 'Admin' })
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual([
      'Thresholds',
      'Layout',
      'Targets',
      'Users & teams',
      'Settings',
      'Webhooks',
      'Products',
      'Digests',
      'Import & export',
    ])
    expect(within(nav).getByRole('link', { name: 'Layout' }).getAttribute('aria-current')).toBe('page')
  })

  test('the admin digests page is for admins alone: a manager is refused it too', async () => {
    await open('/admin/digests', 'manager')
    await screen.findByRole('heading', { level: 1, name: 'This page is not for your role' })
    expect(api!.lines().filter((r) => /^GET \/api\/(digests|settings)/.test(r))).toEqual([])
  })

  test.each(['admin', 'manager', 'rep'] as const)('every role opens their own e-mail digest: %s', async (role) => {
    await open('/me/digest', role)
    await screen.findByRole('heading', { level: 1, name: 'E-mail digest' })
    // The shell's answers have no digest route: the page asked for it and shows the failure in place.
    await waitFor(() => expect(api!.lines()).toContain('GET /api/me/digest'))
  })

  test.each(['/nope', '/kpi/x/y', '/admin/nope'])('%s shows the not-found page inside the shell', async (path) => {
    await open(path, 'manager')
    await screen.findByRole('heading', { level: 1, name: 'Page not found' })
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy()
  })
})
