import { fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, test } from 'vitest'
import type { RecordsParams } from './kpi-detail.queries.ts'
import type { RecordsPage } from '@kpi/contract/kpis'
import { RecordsTable } from './RecordsTable.tsx'

// 12 won deals: "D01" … "D12", amount 100 × n, closed on day n of March; owners alternate Anna (1) and Bram (2).
const deals = Array.from({ length: 12 }, (_, i) => ({
  id: i + 1,
  name: `D${String(i + 1).padStart(2, '0')}`,
  ownerId: (i % 2) + 1,
  type: 'NEW_BUSINESS',
  status: 'WON',
  amount: `${(i + 1) * 100}.00`,
  createdAt: '2026-02-01T10:00:00.000Z',
  closedAt: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`,
}))

/** What GET /api/kpis/:key answers as `records` for these deals: sorted, then one page. */
function pageOf({ page, pageSize, sort }: RecordsParams, items = deals): RecordsPage {
  const field = (sort || '-closedAt').replace(/^-/, '') as 'amount' | 'closedAt' | 'name'
  const sign = sort.startsWith('-') || !sort ? -1 : 1
  const sorted = [...items].sort((a, b) => {
    const [x, y] = field === 'amount' ? [Number(a.amount), Number(b.amount)] : [a[field], b[field]]
    return x < y ? -sign : x > y ? sign : 0
  })
  return {
    entity: 'deals',
    items: sorted.slice((page - 1) * pageSize, page * pageSize),
    total: items.length,
    page,
    pageSize,
    sort: sort || '-closedAt',
    sortable: ['createdAt', 'closedAt', 'amount', 'name'],
  }
}

function Harness({ items }: { items?: typeof deals }) {
  const [params, setParams] = useState<RecordsParams>({ page: 1, pageSize: 10, sort: '' })
  return (
    <RecordsTable
      records={pageOf(params, items)}
      periodText="March 2026"
      currency="EUR"
      personName={(id) => ({ 1: 'Anna', 2: 'Bram' })[id]}
      onChange={(change) => setParams((p) => ({ ...p, ...change }))}
    />
  )
}

// Plain DOM queries for the many row reads: *ByRole walks the accessibility tree and is slow on a loaded machine.
const names = () => [...document.querySelectorAll('tbody tr')].map((row) => row.querySelector('td')!.textContent)
const header = (name: RegExp) =>
  [...document.querySelectorAll<HTMLElement>('thead th')].find((th) => name.test(th.textContent ?? ''))!

describe('RecordsTable', () => {
  test('pages through the rows: newest first by default, 10 a page, then the last 2', () => {
    render(<Harness />)
    expect(names()).toEqual(['D12', 'D11', 'D10', 'D09', 'D08', 'D07', 'D06', 'D05', 'D04', 'D03'])
    expect(screen.getByText('Page 1 of 2')).toBeTruthy()
    expect(screen.getByText('12 records')).toBeTruthy()
    expect((screen.getByLabelText('Previous page') as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByLabelText('Next page'))
    expect(names()).toEqual(['D02', 'D01'])
    expect(screen.getByText('Page 2 of 2')).toBeTruthy()
    expect((screen.getByLabelText('Next page') as HTMLButtonElement).disabled).toBe(true)
    // A bigger page size starts again at page 1 with everything on it.
    fireEvent.change(screen.getByLabelText('Rows per page'), { target: { value: '25' } })
    expect(names()).toHaveLength(12)
    expect(screen.getByText('Page 1 of 1')).toBeTruthy()
  })

  test('a header click sorts by that column, a second click reverses it; aria-sort tells which', () => {
    render(<Harness />)
    expect(header(/Closed/).getAttribute('aria-sort')).toBe('descending')
    expect(header(/Amount/).getAttribute('aria-sort')).toBe('none')
    expect(header(/Type/).getAttribute('aria-sort')).toBeNull() // the API cannot sort by type: not clickable
    expect(within(header(/Type/)).queryByRole('button')).toBeNull()

    fireEvent.click(within(header(/Amount/)).getByRole('button'))
    expect(header(/Amount/).getAttribute('aria-sort')).toBe('ascending')
    expect(header(/Closed/).getAttribute('aria-sort')).toBe('none')
    expect(names().slice(0, 3)).toEqual(['D01', 'D02', 'D03'])
    fireEvent.click(within(header(/Amount/)).getByRole('button'))
    expect(header(/Amount/).getAttribute('aria-sort')).toBe('descending')
    expect(names().slice(0, 3)).toEqual(['D12', 'D11', 'D10'])
  })

  test('cells: owner names, money and dates in the locale', () => {
    render(<Harness />)
    const first = within(screen.getByRole('table')).getAllByRole('row')[1]!
    // stored codes are labelled (NEW_BUSINESS → New business, WON → Won)
    expect(
      within(first)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['D12', 'Bram', 'New business', 'Won', '€1,200', '1 Feb 2026', '12 Mar 2026'])
  })

  test('an open deal of unknown amount shows a dash titled "unknown", never €0 or NaN; a known 0 stays €0', () => {
    const open = { ...deals[0]!, id: 20, name: 'Open', status: 'OPEN', amount: null, closedAt: null }
    const lost = { ...deals[1]!, id: 21, name: 'Lost', status: 'LOST', amount: '0.00' }
    const page: RecordsPage = { ...pageOf({ page: 1, pageSize: 10, sort: 'name' }), items: [lost, open] }
    render(
      <RecordsTable
        records={page}
        periodText="March 2026"
        currency="EUR"
        personName={() => 'Anna'}
        onChange={() => {}}
      />,
    )
    const [, lostRow, openRow] = within(screen.getByRole('table')).getAllByRole('row')
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent)
    expect(cells(lostRow!)).toEqual(['Lost', 'Anna', 'New business', 'Lost', '€0', '1 Feb 2026', '2 Mar 2026'])
    expect(cells(openRow!)).toEqual(['Open', 'Anna', 'New business', 'Open', '—', '1 Feb 2026', ''])
    expect(within(openRow!).getByTitle('unknown').textContent).toBe('—')
  })

  test('no rows: an empty state that says what to do; loading: a skeleton; hidden rows: why', () => {
    const { container, rerender } = render(<Harness items={[]} />)
    expect(screen.queryByRole('table')).toBeNull()
    expect(
      screen.getByText(
        'No records behind this number in March 2026. Pick another period or scope above, or import data (Admin → Import).',
      ),
    ).toBeTruthy()
    const props = { periodText: 'March 2026', currency: 'EUR', personName: () => undefined, onChange: () => {} }
    rerender(<RecordsTable records={undefined} {...props} />)
    expect(container.querySelectorAll('.records-skeleton .skeleton-line')).toHaveLength(5)
    rerender(<RecordsTable records={null} {...props} />)
    expect(screen.getByText(/Your role may not list the records/)).toBeTruthy()
  })
})
