import type { MessageKey } from '../../i18n/messages.ts'
import type { ImportFormat } from '@kpi/contract/import'

type T = (key: MessageKey, vars?: Record<string, string | number>) => string

/** 31 December 2026 written in each date order, as the file would. */
export const DATE_EXAMPLES = { YMD: '2026-12-31', DMY: '31-12-2026', MDY: '12/31/2026' } as const

/** 4500 written with the file's thousands separator and decimal mark: "4.500,00". */
export const amountExample = (format: Pick<ImportFormat, 'decimal' | 'thousands'>) =>
  `4${format.thousands}500${format.decimal}00`

export const ENCODING_NAMES = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (LE)',
  'utf-16be': 'UTF-16 (BE)',
  'windows-1252': 'Windows-1252',
} as const

export const DELIMITER_KEYS = {
  ',': 'import.format.comma',
  ';': 'import.format.semicolon',
  '\t': 'import.format.tab',
} as const satisfies Record<string, MessageKey>

/** How the file was read, in plain words: "Semicolon-separated, decimal comma, amounts like 4.500,00, dates like 31-12-2026, Windows-1252". */
export function describeFormat(format: ImportFormat, t: T): string {
  const numbers = [
    t(format.decimal === ',' ? 'import.format.decimalComma' : 'import.format.decimalPoint'),
    t('import.format.amounts', { example: amountExample(format) }),
    t('import.format.dates', { example: DATE_EXAMPLES[format.dateOrder] }),
  ]
  if (format.source === 'xlsx') return [t('import.format.sheet', { sheet: format.sheet ?? '' }), ...numbers].join(', ')
  const encoding = ENCODING_NAMES[format.encoding ?? 'utf-8']
  return [t(DELIMITER_KEYS[format.delimiter ?? ',']), ...numbers, encoding].join(', ')
}
