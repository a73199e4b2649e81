// Name material for people and companies. Companies are built from an index (not stored), so 3 M leads need no
// list in memory: the same index always spells the same company.

export const FIRST_NAMES: readonly string[] = [
  'Sanne',
  'Daan',
  'Emma',
  'Lucas',
  'Julia',
  'Sem',
  'Lotte',
  'Milan',
  'Anouk',
  'Thijs',
  'Fleur',
  'Bram',
  'Iris',
  'Jesse',
  'Eva',
  'Ruben',
  'Noor',
  'Lars',
  'Femke',
  'Stijn',
  'Lisa',
  'Tim',
  'Sophie',
  'Joris',
  'Maud',
  'Koen',
  'Esther',
  'Pieter',
  'Yara',
  'Mohamed',
  'Fatima',
  'Hugo',
  'Mila',
  'Wouter',
  'Roos',
  'Niels',
  'Demi',
  'Gijs',
  'Amber',
  'Sven',
  'Ilse',
]

export const LAST_NAMES: readonly string[] = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'van Dijk',
  'Bakker',
  'Janssen',
  'Visser',
  'Smit',
  'Meijer',
  'de Boer',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'van Leeuwen',
  'Dekker',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Smits',
  'de Graaf',
  'van der Meer',
  'van der Linden',
  'Kok',
  'Jacobs',
  'de Haan',
  'Vermeulen',
  'Yilmaz',
  'El Amrani',
  'Hoekstra',
  'Koster',
  'Prins',
  'Huisman',
  'Postma',
  'Kuipers',
  'Verbeek',
  'Willems',
  'Maas',
]

const COMPANY_STEMS: readonly string[] = [
  'Noord',
  'Delta',
  'Polder',
  'Rijn',
  'Maas',
  'Kempen',
  'Veluwe',
  'Amstel',
  'IJssel',
  'Zuid',
  'Hollands',
  'Brabant',
  'Dommel',
  'Vecht',
  'Eems',
  'Waal',
  'Linge',
  'Gouwe',
  'Zaan',
  'Schelde',
  'Duin',
  'Heide',
  'Tulp',
  'Molen',
  'Haven',
  'Dijk',
  'Kade',
  'Sluis',
  'Toren',
  'Brug',
]

const COMPANY_TRADES: readonly string[] = [
  'Logistiek',
  'Bouw',
  'Techniek',
  'Zorggroep',
  'Installaties',
  'Advies',
  'Metaal',
  'Food',
  'Transport',
  'ICT',
  'Print',
  'Energie',
  'Vastgoed',
  'Accountants',
  'Verpakkingen',
  'Kunststof',
  'Agro',
  'Retail',
  'Mobility',
  'Media',
]

const COMPANY_FORMS: readonly string[] = ['B.V.', 'Groep', 'Holding B.V.', '& Partners', 'N.V.', 'Nederland']

/**
 * The company name for an account index: stem × trade × form covers 3,600 names, and a numeric suffix
 * ("Delta Logistiek B.V. 12") keeps larger indexes unique.
 */
export function companyName(index: number): string {
  const stem = COMPANY_STEMS[index % COMPANY_STEMS.length]
  const rest = Math.floor(index / COMPANY_STEMS.length)
  const trade = COMPANY_TRADES[(rest + index) % COMPANY_TRADES.length]
  const form = COMPANY_FORMS[Math.floor(rest / COMPANY_TRADES.length) % COMPANY_FORMS.length]
  const round = Math.floor(index / (COMPANY_STEMS.length * COMPANY_TRADES.length * COMPANY_FORMS.length))
  return `${stem} ${trade} ${form}${round > 0 ? ` ${round + 1}` : ''}`
}

/** The normalised account key of a company name (what leads.account_key holds for matching). */
export function accountKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** A person's full name for a person index; distinct for the first 41 × 41 indexes. */
export function personName(index: number): string {
  const first = FIRST_NAMES[index % FIRST_NAMES.length]
  const last = LAST_NAMES[(index + Math.floor(index / LAST_NAMES.length)) % LAST_NAMES.length]
  return `${first} ${last}`
}
