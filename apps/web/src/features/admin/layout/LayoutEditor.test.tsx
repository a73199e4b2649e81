import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, test } from 'vitest'
import { renderWithQueries as render } from '../../../test/render.tsx'
import { patchVersioned, startTestApi } from '../../../test/test-api.ts'
import type { TestApi } from '../../../test/test-api.ts'
import { sendVersioned } from '../versioned-http.ts'
import { LayoutEditor } from './LayoutEditor.tsx'
import type { DraftArea } from './layout-draft.ts'
import { Layout } from '@kpi/contract/layout'

const layout: Layout = {
  source: 'stored',
  version: 4,
  warnings: [],
  areas: [
    { key: 'result', name: { en: 'Result', nl: 'Resultaat' }, rank: 1, kpiKeys: ['revenue.won', 'deals.win_rate'] },
    { key: 'activity', name: { en: 'Activity', nl: 'Activiteit' }, rank: 2, kpiKeys: ['activity.calls'] },
  ],
}
const neverSaved = () => Promise.reject(new Error('not saved in this test'))

describe('LayoutEditor', () => {
  test('a fourth KPI in an area shows the focus warning; removing one clears it', () => {
    render(<LayoutEditor initial={layout} save={neverSaved} />)
    const result = screen.getByRole('region', { name: '1. Result' })
    const add = within(result).getByLabelText('Add a KPI to Result')
    fireEvent.change(add, { target: { value: 'activity.calls' } })
    // 3 KPIs: at the limit, no warning yet
    expect(within(result).queryByText(/more than/)).toBeNull()
    fireEvent.change(add, { target: { value: 'activity.meetings' } })
    expect(within(result).getByRole('status').textContent).toBe(
      'Result has 4 KPIs: more than 3 loses focus. Consider moving some to another area.',
    )
    fireEvent.click(within(result).getAllByRole('button', { name: /^Remove / })[0]!)
    expect(within(result).queryByRole('status')).toBeNull()
  })

  test('areas and KPIs reorder with labelled buttons', () => {
    render(<LayoutEditor initial={layout} save={neverSaved} />)
    fireEvent.click(screen.getByRole('button', { name: 'Move area Activity up' }))
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['1. Activity', '2. Result'])
    const result = screen.getByRole('region', { name: '2. Result' })
    const before = within(result)
      .getAllByRole('listitem')
      .map((li) => li.firstChild!.textContent)
    fireEvent.click(within(result).getByRole('button', { name: `Move ${before[1]} up` }))
    expect(
      within(result)
        .getAllByRole('listitem')
        .map((li) => li.firstChild!.textContent),
    ).toEqual([before[1], before[0]])
  })
})

describe('LayoutEditor after a stale save', () => {
  let api: TestApi | undefined
  afterEach(() => api?.close())

  // PUT /api/layout with the API's version rule; a colleague saved version 5 with Activity first meanwhile.
  async function colleagueSavedFirst() {
    const [result, activity] = layout.areas as [Layout['areas'][number], Layout['areas'][number]]
    let stored: Layout = {
      ...layout,
      version: 5,
      areas: [
        { ...activity, rank: 1 },
        { ...result, rank: 2 },
      ],
    }
    api = await startTestApi((request) => {
      const result = patchVersioned(stored, request.body)
      if (result.status === 409) return result
      stored = { ...stored, version: result.row.version, areas: stored.areas }
      return { status: 200, body: stored }
    })
    return api
  }
  const save = (areas: DraftArea[], version: number) => sendVersioned('PUT', '/api/layout', { version, areas }, Layout)
  const areaHeadings = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)

  test('"use theirs" shows their order and the next save is based on their version', async () => {
    const standIn = await colleagueSavedFirst()
    render(<LayoutEditor initial={layout} save={save} />)
    fireEvent.click(screen.getByRole('button', { name: 'Remove Won revenue from Result' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByRole('alert')
    const cells = [...screen.getByRole('rowheader', { name: 'Layout' }).closest('tr')!.querySelectorAll('td')]
    // yours: Won revenue removed from Result; theirs: Activity moved first, nothing removed
    expect(cells.map((td) => td.textContent)).toEqual([
      'Result: Win rate\nActivity: Calls',
      'Activity: Calls\nResult: Won revenue, Win rate',
    ])
    fireEvent.click(screen.getByRole('button', { name: 'Use theirs' }))
    expect(areaHeadings()).toEqual(['1. Activity', '2. Result'])
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved')
    expect(standIn.requests.map((r) => (r.body as { version: number }).version)).toEqual([4, 5])
  })

  test('"keep mine" saves the typed layout on their version', async () => {
    const standIn = await colleagueSavedFirst()
    render(<LayoutEditor initial={layout} save={save} />)
    fireEvent.click(screen.getByRole('button', { name: 'Remove Won revenue from Result' }))
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Keep mine (overwrite)' }))
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull())
    expect(standIn.requests.map((r) => (r.body as { version: number }).version)).toEqual([4, 5])
    const sentAreas = (standIn.requests[1]!.body as { areas: DraftArea[] }).areas
    expect(sentAreas.map((a) => [a.key, a.kpiKeys])).toEqual([
      ['result', ['deals.win_rate']],
      ['activity', ['activity.calls']],
    ])
    expect(areaHeadings()).toEqual(['1. Result', '2. Activity'])
  })
})
