/**
 * The coded values of the record tables (stored as PostgreSQL enums). The API validates with them and the web
 * labels each in the reader's language (`enum.<kind>.<VALUE>` in apps/web/src/i18n), never showing the code.
 */
export const DEAL_TYPES = ['NEW_BUSINESS', 'UPSELL', 'CROSS_SELL', 'RENEWAL'] as const
export const DEAL_STATUSES = ['OPEN', 'WON', 'LOST'] as const
export const ACTIVITY_TYPES = ['CALL', 'MEETING', 'PROPOSAL', 'EMAIL'] as const
export const COST_CATEGORIES = ['MARKETING', 'SALES', 'PERSONNEL', 'FIXED'] as const
export const SURVEY_KINDS = ['NPS', 'CSAT', 'ENPS', 'Q12'] as const

/** Each coded field by the name the web's labels use. */
export const RECORD_ENUMS = {
  dealType: DEAL_TYPES,
  dealStatus: DEAL_STATUSES,
  activityType: ACTIVITY_TYPES,
  costCategory: COST_CATEGORIES,
  surveyKind: SURVEY_KINDS,
} as const
export type RecordEnumKind = keyof typeof RECORD_ENUMS
