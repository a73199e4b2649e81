import { IntlMessageFormat } from 'intl-messageformat'
import en from './en.json'
import nl from './nl.json'
import { INTL_LOCALE } from './format.ts'
import type { Locale } from './format.ts'

/** English is the reference catalogue: its keys are the only valid message keys. */
export type MessageKey = keyof typeof en
export type MessageVars = Record<string, string | number>

// `satisfies` makes a key missing from nl.json a type error, not a blank label found in production.
const catalogues = { en, nl: nl satisfies Record<MessageKey, string> } as const

/** True for a key of the catalogue (a key built at run time, e.g. `validation.${rule}`, may have no wording). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

// Parsing a message costs more than formatting it; a table re-renders the same few messages many times.
const compiled = new Map<string, IntlMessageFormat>()

/** The message compiled for its locale, so plural rules and `#` follow that locale (ignoreTag: `<` is text). */
export function compile(locale: Locale, template: string): IntlMessageFormat {
  const cacheKey = `${locale}|${template}`
  let message = compiled.get(cacheKey)
  if (!message) {
    message = new IntlMessageFormat(template, INTL_LOCALE[locale], undefined, { ignoreTag: true })
    compiled.set(cacheKey, message)
  }
  return message
}

/**
 * Looks a key up in the locale's catalogue and formats it as an ICU message: `{name}` placeholders and
 * `{count, plural, one {# KPI} other {# KPIs}}` counts. A placeholder without a value is left visible ("{name}")
 * so a missing variable shows up in review rather than as an empty gap or a thrown error.
 */
export function translate(locale: Locale, key: MessageKey, vars: MessageVars = {}): string {
  const template: string = catalogues[locale][key] ?? en[key] ?? key
  if (!template.includes('{')) return template
  // intl-messageformat throws on a missing value; this stand-in answers every name, the absent ones as "{name}".
  const visible = new Proxy(vars, {
    has: () => true,
    get: (given, name) => (typeof name === 'string' ? (given[name] ?? `{${name}}`) : undefined),
  })
  return String(compile(locale, template).format(visible))
}
