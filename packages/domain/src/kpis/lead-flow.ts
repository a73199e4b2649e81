/**
 * Focus area "Lead flow" (SPEC 2, rank 1): the engine of predictable growth (003, 004).
 * Exports: newLeads, newAccounts, qualifiedLeads, mqlToSql, leadToOpportunity, leadVelocityDays.
 */
import { percentOf, someValue, withDetails } from '../value.ts'
import { defineKpi } from './define-kpi.ts'
import { countValue, growthPercent, meanOf, SECONDS_PER_DAY, THRESHOLDS } from './formulas.ts'

const leadScopes = ['org', 'team', 'rep'] as const

/** Leads created in P, with details 'channel:<name>' (counts per channel, sorted by name). */
export const newLeads = defineKpi({
  key: 'leads.new',
  name: { en: 'New leads', nl: 'Nieuwe leads' },
  description: {
    en: 'Leads created in the period from all channels, with the split per channel.',
    nl: 'Leads aangemaakt in de periode uit alle kanalen, met de verdeling per kanaal.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'leading',
  area: 'lead-flow',
  scopes: leadScopes,
  accumulation: 'sum',
  groups: ['leads'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ leads }) =>
    someValue(
      leads.created,
      Object.keys(leads.createdByChannel)
        .sort()
        .map((channel) => ({ key: `channel:${channel}`, value: countValue(leads.createdByChannel[channel] ?? 0) })),
    ),
})

/** Distinct organisations (account keys) first seen as a lead in P. */
export const newAccounts = defineKpi({
  key: 'leads.new_accounts',
  name: { en: 'New accounts', nl: 'Nieuwe organisaties' },
  description: {
    en: 'Organisations that showed up as a lead for the first time in the period.',
    nl: 'Organisaties die in de periode voor het eerst als lead binnenkwamen.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'leading',
  area: 'lead-flow',
  scopes: leadScopes,
  accumulation: 'sum',
  groups: ['leads'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ leads }) => countValue(leads.newAccounts),
})

/**
 * Leads that became sales-qualified (sqlAt) in P. Detail 'vs-previous': growth in percent against the
 * previous period (context.previous), no value when that had 0.
 */
export const qualifiedLeads = defineKpi({
  key: 'leads.qualified',
  name: { en: 'New qualified leads', nl: 'Nieuwe gekwalificeerde leads' },
  description: {
    en: 'Leads that became sales-qualified (SQL) in the period; the motor of predictable growth.',
    nl: 'Leads die in de periode salesgekwalificeerd (SQL) werden; de motor van voorspelbare groei.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'leading',
  area: 'lead-flow',
  scopes: leadScopes,
  accumulation: 'sum',
  groups: ['leads'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ leads }, { previous }) =>
    withDetails(countValue(leads.qualified), [
      { key: 'vs-previous', value: growthPercent(leads.qualified, previous?.leads.qualified) },
    ]),
})

/**
 * Of the leads that became MQL in P (cohort by MQL date), the share that has become SQL, in percent (for a
 * like-for-like comparison span: SQL before its cut, ./windows.ts conversionsUntil).
 * No value ('zero-denominator') when no lead became MQL in P.
 */
export const mqlToSql = defineKpi({
  key: 'leads.mql_to_sql',
  name: { en: 'MQL → SQL ratio', nl: 'MQL → SQL-ratio' },
  description: {
    en: 'Share of the marketing-qualified leads of the period that sales has qualified.',
    nl: 'Aandeel van de marketinggekwalificeerde leads uit de periode dat sales heeft gekwalificeerd.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'leading',
  area: 'lead-flow',
  scopes: leadScopes,
  accumulation: 'level',
  groups: ['leads'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ leads }) => percentOf(leads.mqlCohortConverted, leads.mqlCohort),
})

/** Of the leads created in P, the share that has become an opportunity (before a comparison span's cut), in percent. */
export const leadToOpportunity = defineKpi({
  key: 'leads.lead_to_opportunity',
  name: { en: 'Lead → opportunity', nl: 'Lead → kans' },
  description: {
    en: 'Share of the leads created in the period that became a sales opportunity.',
    nl: 'Aandeel van de leads uit de periode dat een verkoopkans werd.',
  },
  unit: 'percent',
  direction: 'higher',
  kind: 'leading',
  area: 'lead-flow',
  scopes: leadScopes,
  accumulation: 'level',
  groups: ['leads'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ leads }) => percentOf(leads.createdConverted, leads.created),
})

/**
 * Mean days from lead creation to won deal, for deals won in P that came from a lead:
 * Σ seconds ÷ count ÷ 86 400. No value ('zero-denominator') when no such deal was won.
 */
export const leadVelocityDays = defineKpi({
  key: 'leads.velocity_days',
  name: { en: 'Lead velocity', nl: 'Leadsnelheid' },
  description: {
    en: 'Average days from a new lead to a won deal; halving it doubles the pace of growth.',
    nl: 'Gemiddeld aantal dagen van nieuwe lead tot gewonnen deal; halveren verdubbelt het groeitempo.',
  },
  unit: 'days',
  direction: 'lower',
  kind: 'leading',
  area: 'lead-flow',
  scopes: leadScopes,
  accumulation: 'level',
  groups: ['deals'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ deals }) => meanOf(deals.wonFromLeadSecondsSum, deals.wonFromLead, SECONDS_PER_DAY),
})
