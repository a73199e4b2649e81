import type { ImportField } from './importer.ts'
import type { Message } from './messages.ts'

// The human names of the import's fields, per field name (the same name means the same thing in every entity),
// and what each kind of cell may hold. The wizard shows them next to the file's columns.

const both = (en: string, nl: string): Message => ({ en, nl })

export const fieldLabels: Record<string, Message> = {
  externalId: both('External id', 'Externe id'),
  name: both('Name', 'Naam'),
  ownerEmail: both('Owner', 'Eigenaar'),
  userEmail: both('Person', 'Persoon'),
  customerExternalId: both('Customer', 'Klant'),
  leadExternalId: both('Lead', 'Lead'),
  dealExternalId: both('Deal', 'Deal'),
  product: both('Product', 'Product'),
  teamName: both('Team', 'Team'),
  type: both('Type', 'Type'),
  stage: both('Stage', 'Fase'),
  probability: both('Probability (%)', 'Kans (%)'),
  status: both('Status', 'Status'),
  amount: both('Amount', 'Bedrag'),
  cost: both('Cost', 'Kosten'),
  createdAt: both('Created', 'Aangemaakt'),
  expectedCloseAt: both('Expected close', 'Verwachte afsluiting'),
  closedAt: both('Closed', 'Afgesloten'),
  account: both('Account', 'Account'),
  channel: both('Lead source', 'Leadbron'),
  mqlAt: both('Became MQL', 'MQL geworden'),
  sqlAt: both('Became SQL', 'SQL geworden'),
  opportunityAt: both('Became opportunity', 'Kans geworden'),
  disqualifiedAt: both('Disqualified', 'Gediskwalificeerd'),
  segment: both('Segment', 'Segment'),
  idealProfile: both('Ideal customer profile', 'Ideaal klantprofiel'),
  acquiredAt: both('Acquired', 'Binnengehaald'),
  churnedAt: both('Churned', 'Vertrokken'),
  occurredAt: both('When', 'Wanneer'),
  notes: both('Notes', 'Notities'),
  category: both('Category', 'Categorie'),
  month: both('Month', 'Maand'),
  kind: both('Survey', 'Enquête'),
  score: both('Score', 'Score'),
  comment: both('Comment', 'Opmerking'),
  respondedAt: both('Responded', 'Beantwoord'),
  kpiKey: both('KPI', 'KPI'),
  scope: both('Scope', 'Bereik'),
  periodType: both('Period type', 'Soort periode'),
  periodStart: both('Period start', 'Begin van de periode'),
  value: both('Target value', 'Doelwaarde'),
  email: both('E-mail', 'E-mail'),
  role: both('Role', 'Rol'),
  team: both('Team', 'Team'),
  region: both('Region', 'Regio'),
  manager: both('Manager', 'Manager'),
  locale: both('Language (en or nl)', 'Taal (en of nl)'),
  active: both('Active', 'Actief'),
  listPrice: both('List price', 'Catalogusprijs'),
  aliases: both('Other spellings (separated by | or ;)', 'Andere schrijfwijzen (gescheiden door | of ;)'),
}

/** What a cell of each kind may hold. */
export const kindHints: Record<string, Message> = {
  text: both('text', 'tekst'),
  int: both('a whole number, e.g. 40', 'een heel getal, bijv. 40'),
  score: both('a number, e.g. 8 or 7,5', 'een getal, bijv. 8 of 7,5'),
  money: both(
    'an amount, e.g. 4500.00 or 4.500,00; blank = unknown',
    'een bedrag, bijv. 4500.00 of 4.500,00; leeg = onbekend',
  ),
  instant: both(
    'a date (2026-03-15) or date and time (2026-03-15T09:30:00+01:00)',
    'een datum (2026-03-15) of datum en tijd (2026-03-15T09:30:00+01:00)',
  ),
  date: both('a date, e.g. 2026-03-15', 'een datum, bijv. 2026-03-15'),
  bool: both('yes/no, true/false, ja/nee or 1/0', 'ja/nee, yes/no, true/false of 1/0'),
  enum: both('one of the allowed values (or their label)', 'een van de toegestane waarden (of hun label)'),
}

/** What a reference column may hold, by the kind of record it names. */
export const refHints: Record<string, Message> = {
  user: both('e-mail, external id or name of a person', 'e-mail, externe id of naam van een persoon'),
  customer: both("the customer's external id or name", 'externe id of naam van de klant'),
  lead: both("the lead's external id", 'externe id van de lead'),
  deal: both("the deal's external id", 'externe id van de deal'),
  product: both('external id, name or alias of a product', 'externe id, naam of alias van een product'),
  team: both('the team name', 'de naam van het team'),
  region: both('the region name (a new one is created)', 'de naam van de regio (een nieuwe wordt aangemaakt)'),
}

/**
 * The label and hint of an importer's own fields (those not from an EntityDef): a reference field's hint says
 * what it names (`refs`), others what their kind holds.
 */
export function describeFields(
  fields: readonly Omit<ImportField, 'label' | 'hint'>[],
  refs: Record<string, string> = {},
): ImportField[] {
  return fields.map((f) => ({
    ...f,
    label: labelOf(f.name),
    hint: (refs[f.name] ? refHints[refs[f.name]!] : undefined) ?? kindHints[f.kind] ?? kindHints['text']!,
  }))
}

/** A field's label, or its name where none is written yet (a new importer's field still shows up). */
export const labelOf = (name: string): Message => fieldLabels[name] ?? both(name, name)
