import { useId } from 'react'
import { useT } from '../../i18n/i18n.tsx'
import { amountExample, DATE_EXAMPLES, DELIMITER_KEYS, describeFormat, ENCODING_NAMES } from './format-words.ts'
import {
  IMPORT_DATE_ORDERS,
  IMPORT_DECIMALS,
  IMPORT_DELIMITERS,
  IMPORT_ENCODINGS,
  IMPORT_THOUSANDS,
  type ImportFormat,
  type ImportFormatOverride,
} from '@kpi/contract/import'

/**
 * How the file was read, in plain words, with a select per member to correct what the detection got wrong.
 * A change reads the file again (`onChange` with the whole override).
 */
export function FormatPanel(props: {
  format: ImportFormat
  override: ImportFormatOverride
  busy: boolean
  onChange: (override: ImportFormatOverride) => void
}) {
  const t = useT()
  const id = useId()
  const { format } = props
  const change = <K extends keyof ImportFormatOverride>(key: K, value: ImportFormatOverride[K]) =>
    props.onChange({ ...props.override, [key]: value })
  const choice = <K extends keyof ImportFormatOverride>(
    key: K,
    label: string,
    current: string,
    options: readonly { value: NonNullable<ImportFormatOverride[K]>; text: string }[],
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select
        id={`${id}-${key}`}
        value={current}
        disabled={props.busy}
        onChange={(e) => change(key, e.target.value as ImportFormatOverride[K])}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </div>
  )
  const csv = format.source === 'csv'
  return (
    <section className="import-format" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('import.format.title')}</h2>
      <p role="note">{describeFormat(format, t)}</p>
      <details>
        <summary>{t('import.format.change')}</summary>
        <div className="import-format-fields">
          {format.source === 'xlsx' &&
            choice(
              'sheet',
              t('import.format.sheetLabel'),
              format.sheet ?? '',
              format.sheets.map((s) => ({ value: s, text: s })),
            )}
          {csv &&
            choice(
              'delimiter',
              t('import.format.delimiter'),
              format.delimiter ?? ',',
              IMPORT_DELIMITERS.map((d) => ({ value: d, text: t(DELIMITER_KEYS[d]) })),
            )}
          {csv &&
            choice(
              'encoding',
              t('import.format.encoding'),
              format.encoding ?? 'utf-8',
              IMPORT_ENCODINGS.map((e) => ({ value: e, text: ENCODING_NAMES[e] })),
            )}
          {choice(
            'decimal',
            t('import.format.decimal'),
            format.decimal,
            IMPORT_DECIMALS.map((d) => ({
              value: d,
              text: t(d === ',' ? 'import.format.decimalComma' : 'import.format.decimalPoint'),
            })),
          )}
          {choice(
            'thousands',
            t('import.format.thousands'),
            format.thousands,
            IMPORT_THOUSANDS.map((s) => ({
              value: s,
              text:
                s === '' ? t('import.format.noThousands') : amountExample({ decimal: format.decimal, thousands: s }),
            })),
          )}
          {choice(
            'dateOrder',
            t('import.format.dateOrder'),
            format.dateOrder,
            IMPORT_DATE_ORDERS.map((o) => ({ value: o, text: DATE_EXAMPLES[o] })),
          )}
        </div>
      </details>
    </section>
  )
}
