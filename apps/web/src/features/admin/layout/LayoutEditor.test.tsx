import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { LayoutEditor } from './LayoutEditor.tsx'
import type { Layout } from './layout.schema.ts'

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
