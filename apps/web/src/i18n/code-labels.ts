import { RECORD_ENUMS, type RecordEnumKind } from '@kpi/contract/record-enums'
import { isMessageKey, type MessageKey } from './messages.ts'

/**
 * The one place a stored code becomes words: `NEW_BUSINESS` → "New business" / "Nieuwe klanten". Coded fields
 * (RECORD_ENUMS) have a label for every value; free-text fields an organisation fills itself (lead channel,
 * customer segment, product category) have labels for the common values and show any other value as written.
 */
export type CodeKind = RecordEnumKind | 'channel' | 'segment' | 'productCategory'

/** What a breakdown or export writes for "no customer / product / channel" (apps/api/src/kpi/deal-breakdowns.ts). */
export const NONE_CODE = '(none)'

export const CODE_KINDS = Object.keys(RECORD_ENUMS) as RecordEnumKind[]

export function codeKey(kind: CodeKind, value: string): string {
  return `enum.${kind}.${value}`
}

/** The label of `value` in `kind`, in the language of `t`; the value itself when it has none. */
export function codeLabel(t: (key: MessageKey) => string, kind: CodeKind, value: string): string {
  if (value === NONE_CODE) return t('enum.none')
  const key = codeKey(kind, value)
  return isMessageKey(key) ? t(key) : value
}
