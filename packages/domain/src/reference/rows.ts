/**
 * Plain row shapes for the in-memory reference (./aggregate-rows.ts): the columns of the database tables
 * the KPIs read, with ISO instants and decimal strings exactly as PostgreSQL returns them, plus the
 * scope rules (which rows belong to org / team / rep / customer). Tests build these by hand.
 *
 * Exports: the *Row types, Dataset, emptyDataset, inScope helpers, inSpan.
 */
import type { LocalDate } from '../calendar.ts'
import type { DealTypeKey } from '../kpis/aggregates.ts'
import type { Scope } from '../scope.ts'
import type { Span } from '../periods.ts'
import { parseCents } from '../money.ts'
import { instantMs, type Instant } from '../time-zone.ts'

export type UserRow = { id: number; teamId: number | null }

export type LeadRow = {
  id: number
  ownerId: number | null
  teamId: number | null
  channel: string
  /** Normalised organisation name; null when unknown. */
  accountKey: string | null
  createdAt: Instant
  mqlAt: Instant | null
  sqlAt: Instant | null
  opportunityAt: Instant | null
}

export type DealRow = {
  id: number
  ownerId: number | null
  teamId: number | null
  customerId: number | null
  leadId: number | null
  type: DealTypeKey
  status: 'open' | 'won' | 'lost'
  /** 0–100. */
  probability: number
  /** numeric(14,2) as text, e.g. "1234.50". */
  /** Null = unknown (open and lost deals only). */
  amount: string | null
  /** Null = unknown. */
  cost: string | null
  createdAt: Instant
  expectedCloseAt: Instant | null
  closedAt: Instant | null
}

export type ActivityRow = {
  id: number
  type: 'call' | 'meeting' | 'proposal' | 'email'
  userId: number
  teamId: number | null
  leadId: number | null
  dealId: number | null
  customerId: number | null
  occurredAt: Instant
}

export type CustomerRow = { id: number; ownerId: number | null; idealProfile: boolean; churnedAt: Instant | null }

export type CostRow = {
  category: 'marketing' | 'sales' | 'personnel' | 'fixed'
  /** First day of the month. */
  month: LocalDate
  teamId: number | null
  amount: string
}

export type SurveyRow = {
  kind: 'nps' | 'csat' | 'enps' | 'q12'
  /** numeric(4,2) as text. */
  score: string
  respondedAt: Instant
  customerId: number | null
  teamId: number | null
}

export type Dataset = {
  users: UserRow[]
  leads: LeadRow[]
  deals: DealRow[]
  activities: ActivityRow[]
  customers: CustomerRow[]
  costs: CostRow[]
  surveys: SurveyRow[]
}

export function emptyDataset(): Dataset {
  return { users: [], leads: [], deals: [], activities: [], customers: [], costs: [], surveys: [] }
}

/**
 * The reference knows rows, not which region a team is in: region figures are checked by hand-computed API tests
 * (regions.kpi.test.ts: a region = the sum of its teams), so a region scope here is a mistake in the test.
 */
function regionUnsupported(): never {
  throw new Error('the reference computes org, team, rep and customer scopes; check a region through its teams')
}

/** Leads and deals: rep = owner, team = the row's team_id, customer = customer_id. */
export function ownedInScope(
  row: { ownerId: number | null; teamId: number | null; customerId?: number | null },
  scope: Scope,
): boolean {
  switch (scope.type) {
    case 'org':
      return true
    case 'region':
      return regionUnsupported()
    case 'team':
      return row.teamId === scope.id
    case 'rep':
      return row.ownerId === scope.id
    case 'customer':
      return row.customerId === scope.id
  }
}

/** Activities: rep = the user who logged it. */
export function activityInScope(row: ActivityRow, scope: Scope): boolean {
  return ownedInScope({ ownerId: row.userId, teamId: row.teamId, customerId: row.customerId }, scope)
}

/** Customers: rep = owner, team = the owner's current team, customer = itself. */
export function customerInScope(row: CustomerRow, scope: Scope, users: readonly UserRow[]): boolean {
  switch (scope.type) {
    case 'org':
      return true
    case 'region':
      return regionUnsupported()
    case 'team':
      return row.ownerId !== null && users.some((u) => u.id === row.ownerId && u.teamId === scope.id)
    case 'rep':
      return row.ownerId === scope.id
    case 'customer':
      return row.id === scope.id
  }
}

/** Surveys: team = team_id, customer = customer_id; no rep scope (internal surveys are anonymous). */
export function surveyInScope(row: SurveyRow, scope: Scope): boolean {
  if (scope.type === 'org') return true
  if (scope.type === 'region') return regionUnsupported()
  if (scope.type === 'team') return row.teamId === scope.id
  if (scope.type === 'customer') return row.customerId === scope.id
  return false
}

/** Costs: org = all costs, team = team_id; nothing for rep or customer. */
export function costInScope(row: CostRow, scope: Scope): boolean {
  if (scope.type === 'org') return true
  if (scope.type === 'region') return regionUnsupported()
  return scope.type === 'team' && row.teamId === scope.id
}

/** True when `instant` is set and lies in [span.start, span.end). */
export function inSpan(instant: Instant | null, span: Span): boolean {
  if (instant === null) return false
  const t = instantMs(instant)
  return t >= instantMs(span.start) && t < instantMs(span.end)
}

/** A deal's amount in cents; an unknown amount (open and lost deals only) adds nothing to a sum, as in SQL. */
export const amountCents = (d: Pick<DealRow, 'amount'>) => (d.amount === null ? 0 : parseCents(d.amount))
