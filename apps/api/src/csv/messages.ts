import { NUL_MESSAGE } from '@kpi/contract/text'
import type { ImportLocale } from './importer.ts'

// Every sentence the import writes, in English and Dutch, in one place. Each names the column, the value and
// what would fit, so the person can fix the file (or the mapping) without asking anyone.

export type Message = Record<ImportLocale, string>

const both = (en: string, nl: string): Message => ({ en, nl })

/** The first of nl/en that Accept-Language names (in its order), or undefined when it names neither. */
export function acceptedLocale(acceptLanguage: string | undefined): ImportLocale | undefined {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase()
    if (tag === 'nl' || tag.startsWith('nl-')) return 'nl'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return undefined
}

/** What a value of each kind looks like, for "write e.g. …" (Dutch without article: "is geen bedrag"). */
const examples: Record<string, Message> = {
  money: both('an amount: write e.g. 4500.00 or 4.500,00', 'bedrag: schrijf bijv. 4500.00 of 4.500,00'),
  int: both('a whole number: write e.g. 40', 'heel getal: schrijf bijv. 40'),
  score: both('a score: write e.g. 8 or 7,5', 'score: schrijf bijv. 8 of 7,5'),
  instant: both(
    'a date: write e.g. 2026-03-15 or 2026-03-15T09:30:00+01:00',
    'datum: schrijf bijv. 2026-03-15 of 2026-03-15T09:30:00+01:00',
  ),
  date: both('a date: write e.g. 2026-03-15', 'datum: schrijf bijv. 2026-03-15'),
  bool: both(
    'yes or no: write e.g. yes, no, true, false, 1 or 0',
    'ja/nee-waarde: schrijf bijv. ja, nee, true, false, 1 of 0',
  ),
  text: both('text', 'tekst'),
  ref: both('a reference', 'verwijzing'),
  enum: both('one of the allowed values', 'toegestane waarde'),
}

export const messages = {
  notAKind: (column: string, value: string, kind: string): Message => {
    const what = examples[kind] ?? examples['text']!
    return both(`"${value}" in ${column} is not ${what.en}`, `"${value}" in ${column} is geen ${what.nl}`)
  },
  required: (column: string): Message =>
    both(
      `${column} is empty but required: fill it in, or set a default for it in the mapping`,
      `${column} is leeg maar verplicht: vul het in, of stel er in de koppeling een standaardwaarde voor in`,
    ),
  tooLong: (column: string, max: number): Message =>
    both(`${column} is longer than ${max} characters`, `${column} is langer dan ${max} tekens`),
  outOfRange: (column: string, value: string, min?: number, max?: number): Message =>
    both(
      `"${value}" in ${column} is out of range: it must be ${range(min, max, 'en')}`,
      `"${value}" in ${column} valt buiten het bereik: het moet ${range(min, max, 'nl')} zijn`,
    ),
  nul: (column: string): Message =>
    both(`${column} contains the NUL character (U+0000)`, `${column} bevat het NUL-teken (U+0000)`),
  notAllowed: (column: string, value: string, allowed: readonly string[]): Message =>
    both(
      `"${value}" in ${column} is not one of ${allowed.join(', ')}: change it, or translate it in the mapping`,
      `"${value}" in ${column} is niet een van ${allowed.join(', ')}: pas het aan, of vertaal het in de koppeling`,
    ),
  missingColumn: (field: string, label: Message): Message =>
    both(
      `no column fills the required field ${field} (${label.en}): add a mapping, a constant or a default`,
      `geen kolom vult het verplichte veld ${field} (${label.nl}): voeg een koppeling, vaste waarde of standaardwaarde toe`,
    ),
  duplicate: (key: string, first: number): Message =>
    both(
      `"${key}" is also in row ${first}; each record may appear once per file`,
      `"${key}" staat ook in rij ${first}; elk record mag één keer per bestand voorkomen`,
    ),
  /** A repeat with other values of a record that may be repeated identically (a manager once per agent). */
  conflictingRepeat: (key: string, first: number): Message =>
    both(
      `"${key}" is also in row ${first} with other values; say each person or team once, or the same way`,
      `"${key}" staat ook in rij ${first} met andere waarden; noem iedereen één keer, of steeds hetzelfde`,
    ),
  fieldCount: (expected: number, found: number): Message =>
    both(`expected ${expected} fields, found ${found}`, `${expected} velden verwacht, ${found} gevonden`),
  emptyFile: both('the file is empty: expected a header line', 'het bestand is leeg: een kopregel verwacht'),
  notFound: (kind: string, key: string): Message => {
    const k = refWords[kind] ?? { en: kind, nl: kind, by: both('key', 'sleutel') }
    return both(`no ${k.en} with ${k.by.en} "${key}"`, `geen ${k.nl} met ${k.by.nl} "${key}"`)
  },
  ambiguous: (count: number, kind: string, key: string): Message => {
    const k = refWords[kind] ?? { en: kind, nl: kind, by: both('key', 'sleutel') }
    return both(
      `${count} ${k.plural?.en ?? `${k.en}s`} are named "${key}": use their ${k.better?.en ?? 'external id'}`,
      `${count} ${k.plural?.nl ?? `${k.nl}s`} heten "${key}": gebruik hun ${k.better?.nl ?? 'externe id'}`,
    )
  },
  notWritable: (key: string): Message =>
    both(
      `"${key}" is the external id of a record you may not change`,
      `"${key}" is de externe id van een record dat u niet mag wijzigen`,
    ),
  notYourTeam: both('the owner is not in a team you manage', 'de eigenaar zit niet in een team dat u beheert'),
  /** A users file naming one stored person ambiguously (by name, or an e-mail held by another external id). */
  ambiguousPerson: (count: number, by: 'name' | 'email', key: string): Message =>
    both(
      `${count} people are ${by === 'name' ? 'named' : 'have'} "${key}": add an email or externalId column`,
      `${count} personen ${by === 'name' ? 'heten' : 'hebben'} "${key}": voeg een kolom email of externalId toe`,
    ),
  samePerson: (other: number): Message => both(`the same person as row ${other}`, `dezelfde persoon als rij ${other}`),
  /** A teams file naming a rep as manager: a role is granted knowingly, not by an import (decision 0028). */
  notAManager: (name: string): Message =>
    both(
      `${name} is a rep: make them a manager first (users import with role manager, or the users page)`,
      `${name} is verkoper: maak hem of haar eerst manager (gebruikersimport met rol manager, of de gebruikerspagina)`,
    ),
}

function range(min: number | undefined, max: number | undefined, locale: ImportLocale): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`
  if (min !== undefined) return locale === 'en' ? `at least ${min}` : `minstens ${min}`
  return locale === 'en' ? `at most ${max}` : `hoogstens ${max}`
}

type RefWords = { en: string; nl: string; by: Message; plural?: Message; better?: Message }

/** How a file names each kind of record ("no user with e-mail, external id or name …"). */
const refWords: Record<string, RefWords> = {
  user: {
    en: 'user',
    nl: 'gebruiker',
    by: both('e-mail, external id or name', 'e-mail, externe id of naam'),
    plural: both('people', 'personen'),
    better: both('e-mail', 'e-mail'),
  },
  customer: { en: 'customer', nl: 'klant', by: both('external id or name', 'externe id of naam') },
  lead: { en: 'lead', nl: 'lead', by: both('external id', 'externe id') },
  deal: { en: 'deal', nl: 'deal', by: both('external id', 'externe id') },
  product: {
    en: 'product',
    nl: 'product',
    by: both('external id, name or alias', 'externe id, naam of alias'),
    plural: both('products', 'producten'),
  },
  team: { en: 'team', nl: 'team', by: both('name', 'naam') },
  region: { en: 'region', nl: 'regio', by: both('name', 'naam') },
}

/**
 * Our own cross-field rules and fixed schema messages (entities' `check`, targets), English as written in the
 * code → Dutch. A message not listed stays English in both languages rather than being guessed.
 */
const customNl: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^a (WON|LOST) deal needs closedAt$/, (m) => `een ${m[1]}-deal heeft closedAt nodig`],
  [/^an OPEN deal must not have closedAt$/, () => 'een OPEN deal mag geen closedAt hebben'],
  [/^(\w+) must not be before (\w+)$/, (m) => `${m[1]} mag niet vóór ${m[2]} liggen`],
  [/^a (\w+) score must be (\d+)–(\d+)$/, (m) => `een ${m[1]}-score moet ${m[2]}–${m[3]} zijn`],
  [/^a (\w+) score is a whole number$/, (m) => `een ${m[1]}-score is een heel getal`],
  [/^a (\w+) response comes from a customer$/, (m) => `een ${m[1]}-antwoord komt van een klant`],
  [/^must be 0–100$/, () => 'moet 0–100 zijn'],
  [/^not a KPI key \(e\.g\. revenue\.won\)$/, () => 'geen KPI-sleutel (bijv. revenue.won)'],
  [
    /^must be org, region:<region name>, team:<team name>, rep:<email> or customer:<customer external id>$/,
    () => 'moet org, region:<regionaam>, team:<teamnaam>, rep:<e-mail> of customer:<externe id van de klant> zijn',
  ],
  [/^a (\w+) starts on ([\d-]+), not ([\d-]+)$/, (m) => `een ${m[1]} begint op ${m[2]}, niet op ${m[3]}`],
  [/^no (team|rep|customer) named "(.*)"$/s, (m) => `geen ${m[1]} met de naam "${m[2]}"`],
  [/^no region named "(.*)"$/s, (m) => `geen regio met de naam "${m[1]}"`],
]

/** One of our English rule messages in both languages. */
export function custom(en: string): Message {
  for (const [pattern, nl] of customNl) {
    const m = pattern.exec(en)
    if (m) return both(en, nl(m))
  }
  return both(en, en)
}

/** The parts of a zod issue the import reads (zod 4's issue union, loosely). */
export type SchemaIssue = { code: string; message: string; minimum?: unknown; maximum?: unknown; origin?: string }

const DATE_RULE = /^must be (a date|an ISO date-time)/

/**
 * A schema issue of one cell as a sentence naming the column, the value and what would fit. Our own rule
 * messages (cross-field checks, targets) are translated by `custom`; zod's generic ones are replaced by kind.
 */
export function issueMessage(issue: SchemaIssue, column: string, value: string | undefined, kind: string): Message {
  const min = typeof issue.minimum === 'number' || typeof issue.minimum === 'bigint' ? Number(issue.minimum) : undefined
  const max = typeof issue.maximum === 'number' || typeof issue.maximum === 'bigint' ? Number(issue.maximum) : undefined
  if (value === undefined && issue.code !== 'custom') return messages.required(column)
  const cell = value ?? ''
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_format':
      return messages.notAKind(column, cell, kind)
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'string')
        return issue.code === 'too_big' && max !== undefined ? messages.tooLong(column, max) : messages.required(column)
      return messages.outOfRange(column, cell, ...rangeOf(issue.message, min, max))
    case 'invalid_value':
      return kind === 'enum' ? messages.notAKind(column, cell, 'enum') : custom(issue.message)
    case 'custom':
      if (issue.message === NUL_MESSAGE) return messages.nul(column)
      if (DATE_RULE.test(issue.message) && value !== undefined) return messages.notAKind(column, cell, kind)
      return custom(issue.message)
    default:
      return custom(issue.message)
  }
}

/** "must be 0–100" on either bound names both; zod's issue only knows the one it broke. */
function rangeOf(message: string, min?: number, max?: number): [number | undefined, number | undefined] {
  const both = /(-?\d+)–(-?\d+)/.exec(message)
  return both ? [Number(both[1]), Number(both[2])] : [min, max]
}

/** What each importable entity is called in a sentence ("deals have no field …"). */
const entityWords: Record<string, Message> = {
  leads: both('leads', 'leads'),
  deals: both('deals', 'deals'),
  customers: both('customers', 'klanten'),
  activities: both('activities', 'activiteiten'),
  costs: both('costs', 'kosten'),
  surveys: both('surveys', 'enquêtes'),
  targets: both('targets', 'doelen'),
  users: both('users', 'gebruikers'),
  teams: both('teams', 'teams'),
  products: both('products', 'producten'),
}

/** A list for a sentence, cut after `max` items so a 200-column header stays readable. */
const list = (items: readonly string[], max = 20) =>
  items.length > max ? `${items.slice(0, max).join(', ')}, …` : items.join(', ')

/** 50 MB, 64 KB or 100 bytes: the limit as a person would write it (tests use small limits). */
const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 1024)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} bytes`

/** The mapping's and the upload's own 400/413 answers (the whole request is refused, not a row). */
export const requestMessages = {
  notJson: both(
    'mapping must be a JSON object {"Their column": "ourField"} or {"columns": {…}, …}',
    'de koppeling moet een JSON-object zijn: {"Hun kolom": "onsVeld"} of {"columns": {…}, …}',
  ),
  notObject: both('mapping must be a JSON object', 'de koppeling moet een JSON-object zijn'),
  notValueTable: both(
    'must map their values to ours: {"their value": "our value"}',
    'moet hun waarden aan de onze koppelen: {"hun waarde": "onze waarde"}',
  ),
  notFields: both(
    'must be a field name, a list of field names, or null',
    'moet een veldnaam, een lijst van veldnamen of null zijn',
  ),
  notText: both('must be text', 'moet tekst zijn'),
  unknownField: (entity: string, field: string, known: readonly string[]): Message => {
    const e = entityWords[entity] ?? both(entity, entity)
    return both(
      `${e.en} have no field "${field}": use one of ${list(known, 40)}`,
      `${e.nl} hebben geen veld "${field}": gebruik een van ${list(known, 40)}`,
    )
  },
  noColumn: (column: string, header: readonly string[]): Message =>
    both(
      `the file has no column "${column}"; its columns are ${list(header)}`,
      `het bestand heeft geen kolom "${column}"; de kolommen zijn ${list(header)}`,
    ),
  column: (column: string): Message => both(`column "${column}"`, `kolom "${column}"`),
  constant: both('a constant', 'een vaste waarde'),
  filledTwice: (field: string, first: Message, second: Message): Message =>
    both(
      `"${field}" is filled twice: by ${first.en} and by ${second.en}; map it once`,
      `"${field}" wordt twee keer gevuld: door ${first.nl} en door ${second.nl}; koppel het één keer`,
    ),
  oneOf: (allowed: readonly string[]): Message =>
    both(`must be one of ${list(allowed)}`, `moet een van ${list(allowed)} zijn`),
  unknownSettings: (keys: readonly string[], known: readonly string[]): Message =>
    both(
      `${list(keys)} is not a format setting: use ${list(known)}`,
      `${list(keys)} is geen formaatinstelling: gebruik ${list(known)}`,
    ),
  tooLongText: (max: number): Message =>
    both(`must be at most ${max} characters`, `mag hoogstens ${max} tekens lang zijn`),
  noFile: both('the form has no file', 'het formulier bevat geen bestand'),
  notCsv: both(
    'send the file as multipart/form-data (field "file") or as a text/csv body',
    'stuur het bestand als multipart/form-data (veld "file") of als text/csv',
  ),
  tooLarge: (maxBytes: number): Message =>
    both(
      `the file is larger than ${size(maxBytes)}: split it into smaller files`,
      `het bestand is groter dan ${size(maxBytes)}: splits het in kleinere bestanden`,
    ),
}
