import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { I18nProvider } from '../../i18n/i18n.tsx'
import { renderWithQueries } from '../../test/render.tsx'
import { json, notFound, startTestApi } from '../../test/test-api.ts'
import type { TestApi, TestRequest } from '../../test/test-api.ts'
import { LogActivity } from './LogActivity.tsx'
import { RecentActivities } from './RecentActivities.tsx'

// Log, undo and delete against a stand-in for /api/activities that keeps what was posted, as the real one does
// (the API side: apps/api/src/routes/activities/activities.undo.test.ts).

let api: TestApi | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

type Stored = { id: number; version: number; type: string; userId: number; occurredAt: string }

async function open(locale: 'en' | 'nl' = 'en') {
  const stored: Stored[] = []
  api = await startTestApi((request: TestRequest) => {
    if (request.method === 'POST' && request.path === '/api/activities') {
      const row = { id: stored.length + 1, version: 1, ...(request.body as Omit<Stored, 'id' | 'version'>) }
      stored.push(row)
      return json(201, row)
    }
    if (request.method === 'GET' && request.path === '/api/activities') {
      const items = [...stored].reverse()
      return json(200, { items, total: items.length, page: 1, pageSize: 10 })
    }
    const id = /^\/api\/activities\/(\d+)$/.exec(request.path)?.[1]
    if (request.method === 'DELETE' && id !== undefined) {
      stored.splice(
        stored.findIndex((row) => row.id === Number(id)),
        1,
      )
      return json(204)
    }
    return notFound(request)
  })
  renderWithQueries(
    <I18nProvider locale={locale}>
      <LogActivity userId={3} />
      <RecentActivities userId={3} timeZone="Europe/Amsterdam" />
    </I18nProvider>,
  )
  return stored
}

test('"Call" is the default type; a call logged by mistake is undone with one click', async () => {
  const stored = await open()
  expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Type' }).value).toBe('CALL')
  await screen.findByText('Nothing logged in the last 7 days.')
  fireEvent.click(screen.getByRole('button', { name: 'Log activity' }))
  await screen.findByText('Saved. Your gauges are being updated.')
  expect(stored.map((row) => [row.type, row.userId])).toEqual([['CALL', 3]])
  const list = screen.getByRole('region', { name: 'My recent activities (last 7 days)' })
  await within(list).findByRole('button', { name: /^Delete Call of / })

  fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
  await screen.findByText('Undone: Call removed. Your gauges are being updated.')
  expect(api!.lines()).toContain('DELETE /api/activities/1')
  expect(stored).toEqual([])
  await within(list).findByText('Nothing logged in the last 7 days.')
  expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
})

test('the recent list asks for the person’s own last 10 and deletes one row (in Dutch)', async () => {
  const stored = await open('nl')
  const select = screen.getByRole('combobox', { name: 'Soort' })
  fireEvent.change(select, { target: { value: 'MEETING' } })
  fireEvent.click(screen.getByRole('button', { name: 'Activiteit vastleggen' }))
  await screen.findByText('Opgeslagen. Je meters worden bijgewerkt.')
  await waitFor(() => expect(stored).toHaveLength(1))
  fireEvent.change(select, { target: { value: 'CALL' } })
  fireEvent.click(screen.getByRole('button', { name: 'Activiteit vastleggen' }))
  const list = screen.getByRole('region', { name: 'Mijn recente activiteiten (laatste 7 dagen)' })
  await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(3)) // header + 2
  const get = api!.requests.find((r) => r.method === 'GET')!
  expect([get.query.get('userId'), get.query.get('sort'), get.query.get('pageSize')]).toEqual([
    '3',
    '-occurredAt',
    '10',
  ])

  fireEvent.click(within(list).getByRole('button', { name: /^Telefoongesprek van .* verwijderen$/ }))
  await waitFor(() => expect(within(list).getAllByRole('row')).toHaveLength(2))
  expect(stored.map((row) => row.type)).toEqual(['MEETING'])
})
