import { render, screen, within } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { ImportErrorTable } from './ImportErrorTable.tsx'
import { PLAIN_CSV_FORMAT, type ImportReport } from '@kpi/contract/import'

// The shape POST /api/import/deals?dryRun=true answers for a 3-row file whose row 2 has a bad amount.
const report: ImportReport = {
  entity: 'deals',
  rows: 3,
  repeated: 0,
  valid: 2,
  errorCount: 1,
  errors: [{ row: 3, column: 'Deal amount', value: '12,34,5', message: 'expected a money amount, got "12,34,5"' }],
  preview: [
    { externalId: 'D-1', amount: '1200.00' },
    { externalId: 'D-3', amount: '80.50' },
  ],
  columns: { 'Deal ID': 'externalId', 'Deal amount': 'amount', Notes: null },
  format: { ...PLAIN_CSV_FORMAT, detected: ['delimiter'] },
  unmatched: {},
}

describe('ImportErrorTable', () => {
  test('lists each error with row, column and message, and previews rows by mapped field', () => {
    render(<ImportErrorTable report={report} />)
    expect(screen.getByRole('status').textContent).toBe('3 rows read, 2 valid, 1 with errors.')
    const errors = screen.getByRole('table', { name: 'Rows with errors' })
    const cells = within(errors)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      )
    // the spreadsheet's row: header = row 1, so the second data row is row 3
    expect(cells).toEqual([['3', 'Deal amount', '12,34,5', 'expected a money amount, got "12,34,5"']])
    expect(within(errors).getAllByRole('row')[1]!.getAttribute('data-error')).toBe('true')

    const preview = screen.getByRole('table', { name: 'Preview of the first rows, as they will be imported' })
    // the ignored "Notes" column is not previewed; headers say which column fed which field
    expect(
      within(preview)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Deal ID → externalId', 'Deal amount → amount'])
    expect(
      within(preview)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['D-1', '1200.00', 'D-3', '80.50'])
  })

  test('a clean report shows no error table; a file-level error (row 0) says "file"', () => {
    const { unmount } = render(<ImportErrorTable report={{ ...report, valid: 3, errorCount: 0, errors: [] }} />)
    expect(screen.queryByRole('table', { name: 'Rows with errors' })).toBeNull()
    unmount()
    render(
      <ImportErrorTable
        report={{ ...report, errors: [{ row: 0, column: 'amount', message: 'no column fills the required field' }] }}
      />,
    )
    expect(screen.getAllByRole('cell')[0]!.textContent).toBe('file')
  })
})
