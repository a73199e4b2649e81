// The rows the generator produces, one interface per table, keyed by the camelCase form of each column name. Ids
// are assigned by the generator so foreign keys are wired without round trips; the loader resets the sequences.
// Money is in whole cents (integers add up exactly); calendar dates are UTC-midnight Dates.

export interface OrganizationRow {
  id: number
  name: string
  slug: string
  timeZone: string
  currency: string
  fiscalYearStartMonth: number
  leaderboardEnabled: boolean
  splitTeamTargets: boolean
  createdAt: Date
}

export interface HolidayRow {
  id: number
  organizationId: number
  date: Date
  name: string
}

export interface TeamRow {
  id: number
  organizationId: number
  name: string
  /** Users reference teams and teams reference their manager: the loader sets this after inserting users. */
  managerId: number | null
  createdAt: Date
}

export type RoleValue = 'ADMIN' | 'MANAGER' | 'REP'

export interface UserRow {
  id: number
  organizationId: number
  externalId: string
  email: string
  name: string
  role: RoleValue
  teamId: number | null
  passwordHash: string
  createdAt: Date
}

export interface ProductRow {
  id: number
  organizationId: number
  externalId: string
  name: string
  category: string
}

export type Segment = 'SMB' | 'mid-market' | 'enterprise'

export interface CustomerRow {
  id: number
  organizationId: number
  externalId: string
  name: string
  segment: Segment
  idealProfile: boolean
  ownerId: number
  acquiredAt: Date
  churnedAt: Date | null
  createdAt: Date
}

export interface LeadRow {
  id: number
  organizationId: number
  externalId: string
  name: string
  account: string
  accountKey: string
  channel: string
  ownerId: number
  teamId: number
  customerId: number | null
  createdAt: Date
  mqlAt: Date | null
  sqlAt: Date | null
  opportunityAt: Date | null
  disqualifiedAt: Date | null
}

export type DealTypeValue = 'NEW_BUSINESS' | 'UPSELL' | 'CROSS_SELL' | 'RENEWAL'
export type DealStatusValue = 'OPEN' | 'WON' | 'LOST'

export interface DealRow {
  id: number
  organizationId: number
  externalId: string
  name: string
  ownerId: number
  teamId: number
  customerId: number | null
  leadId: number | null
  productId: number
  type: DealTypeValue
  stage: string
  probability: number
  status: DealStatusValue
  amountCents: number
  costCents: number
  createdAt: Date
  expectedCloseAt: Date | null
  closedAt: Date | null
}

export type ActivityTypeValue = 'CALL' | 'MEETING' | 'PROPOSAL' | 'EMAIL'

export interface ActivityRow {
  id: number
  organizationId: number
  externalId: string
  type: ActivityTypeValue
  userId: number
  teamId: number
  leadId: number | null
  dealId: number | null
  customerId: number | null
  occurredAt: Date
}

export type ScopeTypeValue = 'ORGANIZATION' | 'TEAM' | 'REP' | 'CUSTOMER'
export type PeriodTypeValue = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR'

export interface TargetRow {
  id: number
  organizationId: number
  externalId: string
  kpiKey: string
  scopeType: ScopeTypeValue
  scopeKey: string
  teamId: number | null
  userId: number | null
  customerId: number | null
  periodType: PeriodTypeValue
  periodStart: Date
  value: number
}

export interface ThresholdRow {
  id: number
  organizationId: number
  kpiKey: string
  scopeKey: string
  teamId: number | null
  mode: 'RELATIVE' | 'ABSOLUTE'
  greenFrom: number
  orangeFrom: number
  greenActions: string[]
  orangeActions: string[]
  redActions: string[]
  greenActionsNl: string[]
  orangeActionsNl: string[]
  redActionsNl: string[]
}

export interface FocusAreaRow {
  id: number
  organizationId: number
  key: string
  nameEn: string
  nameNl: string
  rank: number
}

export interface FocusAreaKpiRow {
  id: number
  focusAreaId: number
  kpiKey: string
  rank: number
}

export type CostCategoryValue = 'MARKETING' | 'SALES' | 'PERSONNEL' | 'FIXED'

export interface CostRow {
  id: number
  organizationId: number
  externalId: string
  category: CostCategoryValue
  month: Date
  teamId: number | null
  amountCents: number
}

export type SurveyKindValue = 'NPS' | 'CSAT' | 'ENPS' | 'Q12'

export interface SurveyResponseRow {
  id: number
  organizationId: number
  externalId: string
  kind: SurveyKindValue
  /** NPS/eNPS 0–10, CSAT 1–5, Q12 the mean of twelve 1–5 answers rounded to 2 decimals. */
  score: number
  respondedAt: Date
  customerId: number | null
  teamId: number | null
}

/** Every table the generator fills, mapped to its row type. */
export interface DemoRows {
  organizations: OrganizationRow
  holidays: HolidayRow
  teams: TeamRow
  users: UserRow
  products: ProductRow
  customers: CustomerRow
  leads: LeadRow
  deals: DealRow
  activities: ActivityRow
  targets: TargetRow
  thresholds: ThresholdRow
  focus_areas: FocusAreaRow
  focus_area_kpis: FocusAreaKpiRow
  costs: CostRow
  survey_responses: SurveyResponseRow
}

export type DemoTable = keyof DemoRows

/**
 * Foreign-key order: a batch of a table is only emitted after every row it references. (teams.manager_id is the
 * one cycle; see TeamRow.)
 */
export const TABLE_ORDER: readonly DemoTable[] = [
  'organizations',
  'holidays',
  'teams',
  'users',
  'products',
  'customers',
  'leads',
  'deals',
  'activities',
  'targets',
  'thresholds',
  'focus_areas',
  'focus_area_kpis',
  'costs',
  'survey_responses',
]

/** One chunk of generated rows for one table. */
export type DemoBatch = { [T in DemoTable]: { table: T; rows: DemoRows[T][] } }[DemoTable]
