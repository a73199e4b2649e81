/**
 * Focus area "Sales activity" (SPEC 2, rank 3): what reps control directly (004). Leading indicators.
 * Exports: calls, meetings, proposals, responseHours.
 */
import { noValue, someValue } from '../value.ts'
import { defineKpi } from './define-kpi.ts'
import { countValue, THRESHOLDS } from './formulas.ts'

const activityScopes = ['org', 'team', 'rep', 'customer'] as const

/** Calls logged with occurredAt in P. */
export const calls = defineKpi({
  key: 'activity.calls',
  name: { en: 'Calls', nl: 'Telefoongesprekken' },
  description: {
    en: 'Calls logged in the period: the activity reps control most directly.',
    nl: 'Gelogde telefoongesprekken in de periode: de activiteit die een verkoper zelf in de hand heeft.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'leading',
  area: 'sales-activity',
  scopes: activityScopes,
  accumulation: 'sum',
  groups: ['activities'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ activities }) => countValue(activities.calls),
})

/** Meetings held with occurredAt in P. */
export const meetings = defineKpi({
  key: 'activity.meetings',
  name: { en: 'Meetings', nl: 'Afspraken' },
  description: {
    en: 'Meetings held with prospects and customers in the period.',
    nl: 'Gevoerde afspraken met prospects en klanten in de periode.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'leading',
  area: 'sales-activity',
  scopes: activityScopes,
  accumulation: 'sum',
  groups: ['activities'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ activities }) => countValue(activities.meetings),
})

/** Proposals/quotes sent with occurredAt in P. */
export const proposals = defineKpi({
  key: 'activity.proposals',
  name: { en: 'Proposals sent', nl: 'Verstuurde offertes' },
  description: {
    en: 'Proposals and quotes sent in the period: the step right before a deal is won or lost.',
    nl: 'Verstuurde voorstellen en offertes in de periode: de stap vlak voor winst of verlies van een deal.',
  },
  unit: 'count',
  direction: 'higher',
  kind: 'leading',
  area: 'sales-activity',
  scopes: activityScopes,
  accumulation: 'sum',
  groups: ['activities'],
  format: { maximumFractionDigits: 0 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ activities }) => countValue(activities.proposals),
})

/**
 * Median hours from lead creation to the first activity on that lead, over leads created in P that got
 * an activity. No value ('no-data') when no lead created in P has been followed up yet.
 */
export const responseHours = defineKpi({
  key: 'activity.response_hours',
  name: { en: 'Lead response time', nl: 'Reactietijd op leads' },
  description: {
    en: 'Median hours from a new lead to the first contact with it; fast follow-up wins deals.',
    nl: 'Mediaan aantal uren van nieuwe lead tot het eerste contact; snel opvolgen wint deals.',
  },
  unit: 'hours',
  direction: 'lower',
  kind: 'leading',
  area: 'sales-activity',
  scopes: ['org', 'team', 'rep'],
  accumulation: 'level',
  groups: ['leads'],
  format: { maximumFractionDigits: 1 },
  defaultThreshold: THRESHOLDS.relative,
  compute: ({ leads }) =>
    leads.medianResponseHours === null ? noValue('no-data') : someValue(leads.medianResponseHours),
})
