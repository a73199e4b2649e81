import { useT } from '../../i18n/i18n.tsx'
import type { ImportField, ImportReport } from '@kpi/contract/import'

/**
 * The dry run's findings: every reported error as (spreadsheet row, column, value, message), then the first rows as the
 * database will receive them (header → field), so a wrong mapping shows before anything is written.
 */
export function ImportErrorTable({ report, fields = [] }: { report: ImportReport; fields?: ImportField[] }) {
  const t = useT()
  // The preview holds valid rows only, keyed by field; errors name the file's header. A column filling several
  // fields ("stage, status, probability") gets a preview column per field, each named by its label.
  const mapped = Object.entries(report.columns).flatMap(([header, filled]) =>
    filled === null ? [] : filled.split(', ').map((field) => [header, field] as const),
  )
  const labelOf = (field: string) => fields.find((f) => f.name === field)?.label ?? field

  return (
    <div className="import-report">
      <p role="status">{t('import.summary', { rows: report.rows, valid: report.valid, errors: report.errorCount })}</p>
      {report.errors.length > 0 && (
        <table className="data-table" aria-label={t('import.errors')}>
          <caption>{t('import.errors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('import.row')}</th>
              <th scope="col">{t('import.column')}</th>
              <th scope="col">{t('import.value')}</th>
              <th scope="col">{t('import.message')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={`${e.row}-${e.column}-${i}`} data-error="true">
                <td>{e.row === 0 ? t('import.fileLevel') : e.row}</td>
                <td>{e.column}</td>
                <td>{e.value ?? ''}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.errorCount > report.errors.length && (
        <p>{t('import.moreErrors', { count: report.errorCount - report.errors.length })}</p>
      )}
      {report.preview.length > 0 && (
        <table className="data-table" aria-label={t('import.preview')}>
          <caption>{t('import.preview')}</caption>
          <thead>
            <tr>
              {mapped.map(([header, field]) => (
                <th key={`${header}-${field}`} scope="col">
                  {header === labelOf(field) ? header : `${header} → ${labelOf(field)}`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.preview.map((row, i) => (
              <tr key={i}>
                {mapped.map(([header, field]) => (
                  <td key={`${header}-${field}`}>{cellText(row[field])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

const cellText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
