import type { ReactNode } from 'react'
import { useFormat, useT } from '../../i18n/i18n.tsx'
import { PAGE_SIZES, type RecordsParams } from './kpi-detail.queries.ts'
import type { RecordsPage } from '@kpi/contract/kpis'
import { RECORD_COLUMNS, type RecordColumn } from './records-columns.ts'
import { codeLabel } from '../../i18n/code-labels.ts'

type RecordsTableProps = {
  /** Undefined while the first answer loads; null when the viewer's role may not list these rows. */
  records: RecordsPage | null | undefined
  /** What "this period" is called, for the empty state. */
  periodText: string
  currency: string
  personName: (id: number) => string | undefined
  onChange: (change: Partial<RecordsParams>) => void
}

/** The rows behind the number: one server page at a time, sortable by clicking a header (aria-sort). */
export function RecordsTable({ records, periodText, currency, personName, onChange }: RecordsTableProps) {
  const t = useT()
  const fmt = useFormat()
  if (records === undefined) return <RecordsSkeleton />
  if (records === null) return <p className="empty-state">{t('kpi.recordsHidden')}</p>
  const columns = RECORD_COLUMNS[records.entity] ?? []
  const pages = Math.max(1, Math.ceil(records.total / records.pageSize))
  const sortField = records.sort.replace(/^-/, '')
  const descending = records.sort.startsWith('-')

  function cell(column: RecordColumn, value: unknown): ReactNode {
    if (value === null || value === undefined || value === '') {
      // An amount or cost nobody entered is unknown (decision 29): a dash, never 0 or an empty cell.
      if (column.kind !== 'money' && column.kind !== 'number') return ''
      return <abbr title={t('kpi.unknownValue')}>—</abbr>
    }
    switch (column.kind) {
      case 'person':
        return personName(Number(value)) ?? `#${String(value)}`
      case 'instant':
      case 'date':
        return fmt.date(String(value))
      case 'money':
        return fmt.money(String(value) as `${number}`, currency)
      case 'number':
        return fmt.number(Number(value), 1)
      case 'text':
        return String(value)
      case 'code':
        return column.codes ? codeLabel(t, column.codes, String(value)) : String(value)
    }
  }

  return (
    <div className="records">
      {records.total === 0 ? (
        <p className="empty-state">{t('kpi.recordsEmpty', { period: periodText })}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label={t('kpi.records')}>
            <thead>
              <tr>
                {columns.map((column) => {
                  const sortable = records.sortable.includes(column.field)
                  const sorted = sortField === column.field
                  const label = t(`kpi.col.${column.label}`)
                  const numeric = column.kind === 'money' || column.kind === 'number'
                  return (
                    <th
                      key={column.field}
                      scope="col"
                      className={numeric ? 'num' : undefined}
                      aria-sort={sorted ? (descending ? 'descending' : 'ascending') : sortable ? 'none' : undefined}
                    >
                      {sortable ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={() =>
                            onChange({ sort: sorted && !descending ? `-${column.field}` : column.field, page: 1 })
                          }
                        >
                          {label}
                          <span aria-hidden="true">{sorted ? (descending ? ' ▼' : ' ▲') : ' ↕'}</span>
                        </button>
                      ) : (
                        label
                      )}
                    </th>
                  )
                })}
              </tr>
            </thead>
            <tbody>
              {records.items.map((item) => (
                <tr key={String(item['id'])}>
                  {columns.map((column) => (
                    <td
                      key={column.field}
                      className={column.kind === 'money' || column.kind === 'number' ? 'num' : undefined}
                    >
                      {cell(column, item[column.field])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        <span>{t('kpi.recordsCount', { count: records.total })}</span>
        <button
          type="button"
          disabled={records.page <= 1}
          onClick={() => onChange({ page: records.page - 1 })}
          aria-label={t('kpi.prevPage')}
        >
          ‹
        </button>
        <span aria-live="polite">{t('kpi.pageOf', { page: records.page, pages })}</span>
        <button
          type="button"
          disabled={records.page >= pages}
          onClick={() => onChange({ page: records.page + 1 })}
          aria-label={t('kpi.nextPage')}
        >
          ›
        </button>
        <label>
          {t('kpi.pageSize')}
          <select value={records.pageSize} onChange={(e) => onChange({ pageSize: Number(e.target.value), page: 1 })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  )
}

function RecordsSkeleton() {
  return (
    <div className="records-skeleton" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((n) => (
        <div key={n} className="skeleton-line" />
      ))}
    </div>
  )
}
