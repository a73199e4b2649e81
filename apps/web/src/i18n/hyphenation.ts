import type { Locale } from './format.ts'

/**
 * Where the long Dutch words of KPI names may break, marked with a soft hyphen (U+00AD, `&shy;`). CSS
 * `hyphens: auto` needs a hyphenation dictionary that not every browser has (Chromium on Linux has none), and
 * without one `overflow-wrap` cuts "Scoringspercent|age" wherever the card ends. A soft hyphen is invisible
 * unless the line breaks there, and then it shows as "Scorings-" at a real word boundary. Only the web shows
 * these: API answers, exports and e-mails keep plain words (searchable, copyable).
 */
const DUTCH_BREAKS = [
  'Scorings-percentage',
  'Arbeids-efficiëntie',
  'Klant-acquisitie-kosten',
  'Telefoon-gesprekken',
  'Uitbreidings-omzet',
  'gekwali-ficeerde',
  'Pijplijn-dekking',
  'Klant-tevredenheid',
  'deal-grootte',
  'Verkoop-cyclus',
  'Lead-snelheid',
  'Klant-verloop',
] as const

const SOFT_HYPHEN = '\u00ad'
const dutch = DUTCH_BREAKS.map((marked) => ({
  word: marked.replaceAll('-', ''),
  hyphenated: marked.replaceAll('-', SOFT_HYPHEN),
}))

/** `text` with soft hyphens at the word boundaries of long compounds in `locale` (Dutch only; English breaks at spaces). */
export function withSoftHyphens(text: string, locale: Locale): string {
  if (locale !== 'nl') return text
  return dutch.reduce((out, { word, hyphenated }) => out.replaceAll(word, hyphenated), text)
}
