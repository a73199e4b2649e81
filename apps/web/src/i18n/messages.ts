import en from './en.json'
import nl from './nl.json'
import type { Locale } from './format.ts'

/** English is the reference catalogue: its keys are the only valid message keys. */
export type MessageKey = keyof typeof en
export type MessageVars = Record<string, string | number>

// `satisfies` makes a key missing from nl.json a type error, not a blank label found in production.
const catalogues = { en, nl: nl satisfies Record<MessageKey, string> } as const

/**
 * Looks a key up in the locale's catalogue and fills `{name}` placeholders. A placeholder without a value is left
 * visible ("{name}") so a missing variable shows up in review rather than as an empty gap.
 */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const template: string = catalogues[locale][key] ?? en[key] ?? key
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name]
    return value === undefined ? whole : String(value)
  })
}
