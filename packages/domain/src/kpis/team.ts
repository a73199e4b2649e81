/**
 * Focus area "Team motivation" (SPEC 2, rank 5): internal NPS and Gallup Q12 (004). Surveys are
 * anonymous, so the smallest scope is a team.
 * Exports: employeeNps, q12Average.
 */
import { defineKpi } from './define-kpi.ts'
import { absoluteThreshold, meanOf, netPromoterScore } from './formulas.ts'

/** eNPS: % promoters (9–10) − % detractors (0–6) of employee responses in P, −100…100. */
export const employeeNps = defineKpi({
  key: 'team.enps',
  name: { en: 'Employee NPS', nl: 'Medewerker-NPS (eNPS)' },
  description: {
    en: 'Would employees recommend working here? Promoters minus detractors of the internal survey.',
    nl: 'Zouden medewerkers hun werkplek aanraden? Promoters min criticasters uit de interne enquête.',
  },
  unit: 'score',
  direction: 'higher',
  kind: 'leading',
  area: 'team-motivation',
  scopes: ['org', 'team'],
  accumulation: 'level',
  groups: ['surveys'],
  format: { maximumFractionDigits: 0, signed: true },
  defaultThreshold: absoluteThreshold(20, 0),
  compute: ({ surveys }) => netPromoterScore(surveys.enpsPromoters, surveys.enpsDetractors, surveys.enpsResponses),
})

/** Mean Gallup Q12 score (1–5) of responses in P. No value ('zero-denominator') without responses. */
export const q12Average = defineKpi({
  key: 'team.q12',
  name: { en: 'Gallup Q12', nl: 'Gallup Q12' },
  description: {
    en: 'Average engagement score on the twelve Gallup questions (1–5).',
    nl: 'Gemiddelde betrokkenheidsscore op de twaalf Gallup-vragen (1–5).',
  },
  unit: 'scale',
  direction: 'higher',
  kind: 'leading',
  area: 'team-motivation',
  scopes: ['org', 'team'],
  accumulation: 'level',
  groups: ['surveys'],
  format: { maximumFractionDigits: 2 },
  defaultThreshold: absoluteThreshold(4, 3.5),
  compute: ({ surveys }) => meanOf(surveys.q12ScoreHundredthsSum, surveys.q12Responses, 100),
})
