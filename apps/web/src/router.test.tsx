import { act, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { Link, hrefFor, matchRoute, useRoute } from './router.tsx'

describe('matchRoute', () => {
  test.each([
    { path: '/', expected: { name: 'dashboard' } },
    { path: '/my-targets/', expected: { name: 'my-targets' } },
    { path: '/admin', expected: { name: 'admin' } },
    { path: '/admin/import', expected: { name: 'import' } },
    { path: '/wallboard', expected: { name: 'wallboard' } },
    { path: '/kpi/revenue.won', expected: { name: 'kpi', key: 'revenue.won' } },
    { path: '/kpi/a%20b', expected: { name: 'kpi', key: 'a b' } },
    { path: '/kpi/%E0%A4%A', expected: { name: 'not-found' } }, // malformed escape
    { path: '/kpi/x/y', expected: { name: 'not-found' } },
    { path: '/nope', expected: { name: 'not-found' } },
  ])('$path', ({ path, expected }) => {
    expect(matchRoute(path)).toEqual(expected)
  })

  test('hrefFor is its inverse', () => {
    const route = { name: 'kpi', key: 'deals.win_rate' } as const
    expect(matchRoute(hrefFor(route))).toEqual(route)
  })
})

describe('Link and useRoute', () => {
  afterEach(() => window.history.replaceState(null, '', '/'))

  function Current() {
    const route = useRoute()
    return <output>{route.name}</output>
  }

  test('a plain click navigates in-app and the route follows, back goes back', () => {
    render(
      <>
        <Link to="/admin">Admin</Link>
        <Current />
      </>,
    )
    expect(screen.getByRole('status').textContent).toBe('dashboard')
    fireEvent.click(screen.getByRole('link', { name: 'Admin' }))
    expect(window.location.pathname).toBe('/admin')
    expect(screen.getByRole('status').textContent).toBe('admin')
    act(() => {
      window.history.replaceState(null, '', '/my-targets')
      window.dispatchEvent(new PopStateEvent('popstate'))
    })
    expect(screen.getByRole('status').textContent).toBe('my-targets')
  })

  test('a ctrl-click is left to the browser (new tab)', () => {
    render(<Link to="/admin">Admin</Link>)
    fireEvent.click(screen.getByRole('link', { name: 'Admin' }), { ctrlKey: true })
    expect(window.location.pathname).toBe('/')
  })
})
