import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { I18nProvider } from '../../i18n/i18n.tsx'
import { renderWithRouter } from '../../test/render-with-router.tsx'
import { startAppShellApi } from '../../test/app-shell-answers.ts'
import type { AppShellApi } from '../../test/app-shell-answers.ts'
import { NotificationBell } from './NotificationBell.tsx'

// The shape GET /api/notifications answers (NotificationsPage in @kpi/contract/notifications).
const notification = (id: string, kpiKey: string, text: string, readAt: string | null = null) => ({
  id,
  kpiKey,
  scope: 'team:1',
  period: { type: 'month', label: '2026-11', startDate: '2026-11-01' },
  from: 'green',
  to: 'red',
  value: 12_500,
  text,
  link: `/kpi/${kpiKey}?scope=team:1&period=month&date=2026-11-25`,
  createdAt: '2026-11-25T09:00:00.000Z',
  readAt,
})
const TWO_UNREAD = {
  items: [
    notification('n1', 'revenue.won', 'Won revenue for Team North turned red'),
    notification('n2', 'activity.meetings', 'Meetings for Team North turned orange'),
  ],
  page: 1,
  pageSize: 20,
  total: 2,
  unreadCount: 2,
  now: '2026-11-25T11:00:00.000Z',
}

let api: AppShellApi | undefined

async function renderBell(notifications: unknown, locale: 'en' | 'nl' = 'en') {
  api = await startAppShellApi({ notifications })
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  await renderWithRouter(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale}>
        <NotificationBell />
      </I18nProvider>
    </QueryClientProvider>,
  )
}

// The browser's clock, pinned (only Date) to the answer's `now`; "2 hours ago" is measured from the answer's `now`.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-11-25T11:00:00.000Z'))
})

afterEach(async () => {
  vi.useRealTimers()
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

describe('notification bell', () => {
  test('names the unread count, shows it as a badge and draws a bell, not an empty box', async () => {
    await renderBell(TWO_UNREAD)
    const button = await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    expect(button.querySelector('.bell-count')?.textContent).toBe('2')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    const paths = [...button.querySelectorAll('svg path')].map((p) => p.getAttribute('d'))
    // body flaring out to a rim (the "h18" stroke) and the clapper arc below it
    expect(paths).toEqual(['M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9', 'M13.7 21a2 2 0 0 1-3.4 0'])
  })

  test('in Dutch', async () => {
    await renderBell(TWO_UNREAD, 'nl')
    await screen.findByRole('button', { name: 'Meldingen, 2 ongelezen' })
  })

  test('each change links to its KPI detail; opening one marks it read', async () => {
    await renderBell(TWO_UNREAD)
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    const links = within(screen.getByRole('list')).getAllByRole('link')
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Won revenue for Team North turned red', '/kpi/revenue.won?scope=team:1&period=month&date=2026-11-25'],
      ['Meetings for Team North turned orange', '/kpi/activity.meetings?scope=team:1&period=month&date=2026-11-25'],
    ])
    fireEvent.click(links[0]!)
    // The router commits a navigation asynchronously, hence waitFor.
    await waitFor(() =>
      expect(`${window.location.pathname}${window.location.search}`).toBe(
        '/kpi/revenue.won?scope=team:1&period=month&date=2026-11-25',
      ),
    )
    await waitFor(() => expect(api?.lines()).toContain('POST /api/notifications/n1/read'))
    expect(screen.queryByRole('list')).toBeNull() // the panel closed
  })

  test('no unread changes: a zero count without a badge, and the open panel says so', async () => {
    await renderBell({ items: [], page: 1, pageSize: 20, total: 0, unreadCount: 0, now: '2026-11-25T11:00:00.000Z' })
    const button = await screen.findByRole('button', { name: 'Notifications, 0 unread' })
    expect(button.querySelector('.bell-count')).toBeNull()
    fireEvent.click(button)
    expect(screen.getByText('No status changes yet.')).toBeDefined()
  })

  test('each change says when: "2 hours ago", the exact time in its title; read ones stay listed, greyed', async () => {
    const read = notification(
      'n0',
      'deals.win_rate',
      'Win rate for Team North turned green',
      '2026-11-25T10:00:00.000Z',
    )
    await renderBell({ ...TWO_UNREAD, items: [...TWO_UNREAD.items, read], total: 3 })
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    const rows = within(screen.getByRole('list')).getAllByRole('listitem')
    expect(rows.map((li) => li.dataset.read)).toEqual(['false', 'false', 'true'])
    const time = rows[0]!.querySelector('time')!
    // 09:00Z is 10:00 in Amsterdam; the pinned clock says 11:00Z, two hours later.
    expect([time.textContent, time.getAttribute('dateTime'), time.getAttribute('title')]).toEqual([
      '2 hours ago',
      '2026-11-25T09:00:00.000Z',
      '25 Nov 2026, 10:00',
    ])
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDefined()
  })

  test('in Dutch: "2 uur geleden"', async () => {
    await renderBell(TWO_UNREAD, 'nl')
    fireEvent.click(await screen.findByRole('button', { name: 'Meldingen, 2 ongelezen' }))
    expect(screen.getAllByText('2 uur geleden')).toHaveLength(2)
  })

  test('a browser clock a day off does not change it: "ago" is measured from the answer\'s now', async () => {
    vi.setSystemTime(new Date('2026-11-26T19:00:00.000Z'))
    await renderBell(TWO_UNREAD)
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    expect(screen.getAllByText('2 hours ago')).toHaveLength(2)
  })

  test('"Show earlier" pages back through the history', async () => {
    const page = (p: string | null) =>
      p === '2'
        ? {
            ...TWO_UNREAD,
            items: [notification('n9', 'revenue.won', 'Old news', '2026-11-01T10:00:00.000Z')],
            page: 2,
            total: 21,
          }
        : { ...TWO_UNREAD, total: 21 }
    await renderBell(page)
    fireEvent.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }))
    fireEvent.click(screen.getByRole('button', { name: 'Show earlier' }))
    await screen.findByText('Old news')
    expect(api?.lines()).toContain('GET /api/notifications?page=2&locale=en')
    expect(screen.queryByRole('button', { name: 'Show earlier' })).toBeNull() // page 2 was the last one
  })

  test('Esc closes the panel and gives focus back to the bell', async () => {
    await renderBell(TWO_UNREAD)
    const button = await screen.findByRole('button', { name: 'Notifications, 2 unread' })
    fireEvent.click(button)
    const link = within(screen.getByRole('list')).getAllByRole('link')[0]!
    link.focus()
    fireEvent.keyDown(link, { key: 'Escape' })
    expect(screen.queryByRole('list')).toBeNull()
    expect(document.activeElement).toBe(button)
    expect(button.getAttribute('aria-expanded')).toBe('false')
  })
})
