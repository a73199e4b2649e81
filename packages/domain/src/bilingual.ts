/**
 * Texts an admin writes in both languages (threshold action points): each reader sees their own language, and
 * where that was left empty, the other one — an untranslated action point still beats none (decision 36).
 *
 * Exports: Bilingual, inLanguage, actionsIn.
 */
import type { Locale } from './format.ts'
import type { ThresholdActions } from './thresholds.ts'

export type Bilingual<T> = Record<Locale, T>

const isEmpty = (text: string | readonly string[]) =>
  typeof text === 'string' ? text.trim() === '' : text.length === 0

/** The text in `locale`, else in the other language; empty only when both are. */
export function inLanguage<T extends string | readonly string[]>(texts: Bilingual<T>, locale: Locale): T {
  const other: Locale = locale === 'en' ? 'nl' : 'en'
  return isEmpty(texts[locale]) ? texts[other] : texts[locale]
}

/** The action points of each level in `locale`, each level falling back to the other language on its own. */
export function actionsIn(actions: Bilingual<ThresholdActions>, locale: Locale): ThresholdActions {
  const level = (name: keyof ThresholdActions) => inLanguage({ en: actions.en[name], nl: actions.nl[name] }, locale)
  return { green: level('green'), orange: level('orange'), red: level('red') }
}
