import { useMemo } from 'react'
import { ErrorBody } from '@kpi/contract/errors'
import { useT } from '../i18n/i18n.tsx'
import { isMessageKey, type MessageKey, type MessageVars } from '../i18n/messages.ts'
import { ApiError } from './http.ts'

/** The input name an API `field` ("body.greenFrom", "body.actions.red.0") points at: its first segment after body. */
export function fieldName(field: string | undefined): string | undefined {
  if (field === undefined) return undefined
  const parts = field.split('.')
  return parts[0] === 'body' || parts[0] === 'query' ? parts[1] : parts[0]
}

/** What a form lends the helper to word a broken rule for people: its `t` and the label of each input. */
export type FieldWords = {
  t: (key: MessageKey, vars?: MessageVars) => string
  /** The label the person sees for an input name ("greenFrom" → "Groen vanaf"). */
  label: (name: string) => string
}

export type RuleBroken = { rule: string; field: string; params?: Record<string, string | number> }

/**
 * A broken rule as a sentence in the reader's language naming the field's label, or undefined when the
 * catalogue has no wording for it (the API's own message is shown then). The most specific key wins:
 * `validation.too_small.string` before `validation.too_small`.
 */
export function ruleMessage(words: FieldWords, broken: RuleBroken): string | undefined {
  const params = broken.params ?? {}
  const detail = params['format'] ?? params['origin'] ?? params['expected']
  const candidates = [detail === undefined ? '' : `validation.${broken.rule}.${detail}`, `validation.${broken.rule}`]
  const key = candidates.find(isMessageKey)
  if (key === undefined) return undefined
  const other = COMPARED_WITH[broken.rule]
  return words.t(key, { ...params, field: words.label(broken.field), ...(other ? { other: words.label(other) } : {}) })
}

// Rules that compare a field with another input: the sentence names both labels.
const COMPARED_WITH: Record<string, string> = {
  'threshold.green-below-orange': 'orangeFrom',
  'threshold.green-above-orange': 'orangeFrom',
}

/**
 * A failed save as field → message, for the form to show each under its input: the API's `{ field: "body.name" }`
 * lands on `name`, anything without a field on `form` (shown above the buttons). Empty when nothing failed.
 * With `words`, a rule the API names (`rule`, `params`) is worded in the reader's language with the input's label.
 */
export function apiFieldErrors(error: unknown, words?: FieldWords): Record<string, string> {
  if (error === null || error === undefined) return {}
  const name = error instanceof ApiError ? fieldName(error.field) : undefined
  const message = error instanceof Error ? error.message : String(error)
  const body = error instanceof ApiError ? ErrorBody.safeParse(error.body) : undefined
  const rule = body?.success ? body.data.rule : undefined
  const worded =
    words && name !== undefined && rule !== undefined
      ? ruleMessage(words, { rule, field: name, ...(body?.data?.params ? { params: body.data.params } : {}) })
      : undefined
  return { [name ?? 'form']: worded ?? message }
}

/** Words for `apiFieldErrors` in the chosen language; without `label` the sentence says "This field" (it sits under it). */
export function useFieldWords(label?: (name: string) => string): FieldWords {
  const t = useT()
  return useMemo(() => ({ t, label: label ?? (() => t('validation.thisField')) }), [t, label])
}
