import { QueryClient } from '@tanstack/react-query'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { App } from '../../app.tsx'
import { startAppShellApi } from '../../test/app-shell-answers.ts'
import type { AppShellApi } from '../../test/app-shell-answers.ts'
import { everyMsFrom } from './use-cycle.ts'

// The captured dashboard (src/test/fixtures/dashboard-manager.json) has six focus areas in this rank order.
const AREAS = [
  'Lead flow',
  'Result',
  'Sales activity',
  'Customer retention',
  'Team motivation',
  'Team labour efficiency',
]

let api: AppShellApi | undefined

async function openWallboard(path: string) {
  // Fake timers that also follow real time, so the HTTP round trips to the fake API still complete.
  vi.useFakeTimers({ shouldAdvanceTime: true })
  api = await startAppShellApi()
  window.history.replaceState(null, '', path)
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(<App queryClient={queryClient} locale="en" />)
  await screen.findByRole('heading', { level: 1, name: AREAS[0] })
}

const area = () => screen.getByRole('heading', { level: 1 }).textContent
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms))
const press = (key: string) => fireEvent.keyDown(window, { key })

afterEach(async () => {
  vi.useRealTimers()
  window.history.replaceState(null, '', '/')
  await api?.close()
  api = undefined
})

describe('wallboard cycling', () => {
  test('one focus area at a time, the next after every interval, with its gauges and no navigation', async () => {
    await openWallboard('/wallboard?every=15')
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull()
    expect(screen.getByText('Area 1 of 6')).toBeDefined()
    const gauges = within(screen.getByRole('region', { name: 'Lead flow' })).getAllByRole('img')
    expect(gauges.map((g) => g.getAttribute('aria-label')?.split(':')[0])).toEqual([
      'New qualified leads',
      'MQL → SQL ratio',
      'Lead velocity',
    ])
    await wait(14_000)
    expect(area()).toBe('Lead flow')
    await wait(1_000) // 15 s in all
    expect(area()).toBe('Result')
    expect(screen.getByText('Area 2 of 6')).toBeDefined()
    await wait(15_000)
    expect(area()).toBe('Sales activity')
  })

  test('after the last area it starts again at the first', async () => {
    await openWallboard('/wallboard?every=2')
    // One interval per step: each area's timer starts once React has shown it.
    for (const name of AREAS.slice(1)) {
      await wait(2_000)
      expect(area()).toBe(name)
    }
    await wait(2_000)
    expect(area()).toBe(AREAS[0])
  })

  test('hovering pauses and keeps the time already spent on the area', async () => {
    await openWallboard('/wallboard?every=15')
    await wait(10_000)
    fireEvent.mouseEnter(document.querySelector('.wallboard')!)
    expect(screen.getByRole('status').textContent).toBe('Paused')
    await wait(60_000)
    expect(area()).toBe('Lead flow')
    fireEvent.mouseLeave(document.querySelector('.wallboard')!)
    await wait(4_000) // 10 + 4 = 14 s on this area
    expect(area()).toBe('Lead flow')
    await wait(1_000) // 15 s
    expect(area()).toBe('Result')
  })
})

describe('wallboard keyboard', () => {
  test('→ and ← step through the areas (wrapping), Space pauses and resumes', async () => {
    await openWallboard('/wallboard?every=15')
    press('ArrowRight')
    expect(area()).toBe('Result')
    press('ArrowLeft')
    press('ArrowLeft')
    expect(area()).toBe('Team labour efficiency')
    press(' ')
    expect(screen.getByRole('status').textContent).toBe('Paused')
    await wait(45_000)
    expect(area()).toBe('Team labour efficiency')
    press(' ')
    expect(screen.getByRole('status').textContent).toBe('')
    await wait(15_000)
    expect(area()).toBe('Lead flow')
  })

  test('Esc leaves for the dashboard with the same scope and period', async () => {
    await openWallboard('/wallboard?scope=team:1&period=week&every=15')
    press('Escape')
    await screen.findByRole('heading', { level: 1, name: 'Team North' })
    expect(window.location.pathname).toBe('/')
    expect(new URLSearchParams(window.location.search).toString()).toBe('scope=team%3A1&period=week')
  })

  test('the wallboard asks the API for the scope and period in its URL', async () => {
    await openWallboard('/wallboard?scope=team:1&period=quarter&every=15')
    expect(api?.lines()).toContain('GET /api/dashboard?period=quarter&locale=en&scope=team%3A1')
  })
})

describe('the ?every= interval', () => {
  test.each([
    { raw: '15', ms: 15_000 },
    { raw: '2', ms: 2_000 },
    { raw: '90', ms: 90_000 },
    { raw: null, ms: 15_000 }, // absent → default 15 s
    { raw: '', ms: 15_000 },
    { raw: 'soon', ms: 15_000 },
    { raw: '1', ms: 15_000 }, // under 2 s would flicker; default
    { raw: '-5', ms: 15_000 },
    { raw: '3601', ms: 15_000 }, // over an hour is no cycle
  ])('$raw → $ms ms', ({ raw, ms }) => {
    expect(everyMsFrom(raw)).toBe(ms)
  })
})
