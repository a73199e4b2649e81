/**
 * Aggregate inputs of the KPI engine. KPIs that read the same source share an aggregate *group*; the SQL
 * layer produces one record per group per scope per period span, and every KPI of the group is computed
 * from it. src/reference/aggregate-rows.ts computes the same records from plain row arrays (the reference
 * the SQL is tested against). Windows that are not the period itself are in ./windows.ts.
 *
 * Conventions: money is integer cents (safe integers, see money.ts) except weighted pipeline amounts,
 * which are Σ cents × probability ÷ 100 and may carry a fraction; durations are summed in seconds;
 * "in P" means the timestamp lies in [P.start, P.end). DEFINITIONS.md explains each choice.
 *
 * Exports: GROUP_KEYS, GroupKey, DEAL_TYPES, DealTypeKey, the *Aggregate record types, Aggregates, empty*.
 */

export const GROUP_KEYS = [
  'activities',
  'leads',
  'deals',
  'pipeline',
  'customers',
  'cohort',
  'lifetime',
  'surveys',
  'costs',
  'efficiency',
] as const
export type GroupKey = (typeof GROUP_KEYS)[number]

export const DEAL_TYPES = ['new_business', 'upsell', 'cross_sell', 'renewal'] as const
export type DealTypeKey = (typeof DEAL_TYPES)[number]

/** Activities with occurredAt in P. Scope: the activity's user (rep), its team_id, its customer_id. */
export type ActivitiesAggregate = {
  calls: number
  meetings: number
  proposals: number
  emails: number
}

/** Leads. Scope: owner (rep), team_id (team); org: all leads. */
export type LeadsAggregate = {
  /** Leads with createdAt in P. */
  created: number
  /** `created` split by channel (keys as stored; sums to `created`). */
  createdByChannel: Record<string, number>
  /** Distinct account keys whose earliest lead in the organisation was created in P and lies in the scope. */
  newAccounts: number
  /** Leads with sqlAt in P. */
  qualified: number
  /** Leads with mqlAt in P (the MQL cohort). */
  mqlCohort: number
  /** Of the MQL cohort, leads that have an sqlAt (at any time; before the cut of a like-for-like span, ./windows.ts conversionsUntil). */
  mqlCohortConverted: number
  /** Of the leads created in P, those that have an opportunityAt (at any time; before a like-for-like span's cut). */
  createdConverted: number
  /** Of the leads created in P, those with at least one activity at or after their creation. */
  responded: number
  /**
   * Median over the responded leads of the hours from createdAt to their first activity (PostgreSQL
   * percentile_cont(0.5): the mean of the two middle values for an even count). Null when responded = 0.
   */
  medianResponseHours: number | null
}

/** Deals closed (closedAt) in P. Scope: owner (rep), team_id (team), customer_id (customer). */
export type DealsAggregate = {
  won: number
  lost: number
  wonAmountCents: number
  /** Σ cost of the won deals whose cost is known (a blank cost is unknown, not 0). */
  wonCostCents: number
  /** Σ amount of those same won deals of known cost: the margin's base. */
  wonCostKnownAmountCents: number
  /** Won deals of unknown cost, left out of the margin. */
  wonCostUnknown: number
  /** wonAmountCents split by deal type (sums to wonAmountCents). */
  wonAmountCentsByType: Record<DealTypeKey, number>
  /** Σ over won deals of (closedAt − createdAt) in seconds. */
  wonCycleSecondsSum: number
  /** Won deals that have a lead. */
  wonFromLead: number
  /** Σ over those of (deal.closedAt − lead.createdAt) in seconds. */
  wonFromLeadSecondsSum: number
  /** Upsell + cross-sell amount won from customers whose first won deal closed before P.start. */
  expansionAmountCents: number
  /** Distinct customers whose first won deal (organisation-wide) closed in P, that deal being in scope. */
  newCustomers: number
}

/**
 * Open pipeline at the instant asOf = min(now, P.end). A deal is open at t when createdAt < t and
 * (closedAt is null or closedAt ≥ t). Probability is the deal's current one. Scope as for deals.
 */
export type PipelineAggregate = {
  open: number
  openAmountCents: number
  /** Σ amountCents × probability ÷ 100 over the open deals (may be fractional). */
  openWeightedAmountCents: number
  /** The weighted amount of open deals whose expectedCloseAt lies in P (in its whole period when P is a like-for-like cut, ./windows.ts closingWindow). */
  weightedClosingInPeriodCents: number
}

/**
 * Customer lifecycle. A customer is *acquired* at its first won deal's closedAt and *active* at instant t
 * when acquired < t and (churnedAt is null or churnedAt ≥ t). Scope: the customer's owner (rep), the
 * owner's current team (team); org: all customers.
 */
export type CustomersAggregate = {
  activeAtStart: number
  activeAtEnd: number
  /** Customers acquired in P that are active at P.end (the "new customers" N of CRR). */
  newActiveAtEnd: number
  /** Customers active at P.start whose churnedAt lies in P. */
  churned: number
  /** The same two counts restricted to ideal-profile customers (the ICP variant). */
  activeAtStartIcp: number
  churnedIcp: number
}

/**
 * NRR cohort: customers acquired before the start of the previous period (./windows.ts nrrWindows).
 * Revenue is won deals of cohort customers; scope as for deals.
 */
export type CohortAggregate = {
  /** Won amount in P from cohort customers. */
  revenueCents: number
  /**
   * Won amount from the same customers in the previous period of the same type: the whole of it for a finished
   * period, its same elapsed span while P runs or is a like-for-like comparison span (./windows.ts nrrWindows).
   */
  previousRevenueCents: number
}

/**
 * CLV inputs over the trailing 12 months W ending at P.end, or at now while P runs (./windows.ts clvWindow).
 * Scope as for customers.
 */
export type LifetimeAggregate = {
  /** Σ (amount − cost) of won deals closed in W of customers in scope. */
  marginCents: number
  /** Customers active at W.end (P.end, or now while P runs). */
  activeAtEnd: number
  /** Customers active at W.start. */
  activeAtWindowStart: number
  /** Of those, the ones whose churnedAt lies in W. */
  churnedInWindow: number
}

/**
 * Survey responses with respondedAt in P. Scope: team_id (team), customer_id (customer); org: all.
 * NPS/eNPS: promoter score ≥ 9, detractor score ≤ 6. CSAT satisfied: score ≥ 4.
 */
export type SurveysAggregate = {
  npsResponses: number
  npsPromoters: number
  npsDetractors: number
  csatResponses: number
  csatSatisfied: number
  enpsResponses: number
  enpsPromoters: number
  enpsDetractors: number
  q12Responses: number
  /** Σ Q12 scores in hundredths (scores are numeric(4,2), so the sum is an exact integer). */
  q12ScoreHundredthsSum: number
}

/**
 * Costs of the months whose first day lies in P (costs are booked per month), a month the figures stop
 * inside pro-rated by the calendar time elapsed in it (./windows.ts costShares). Scope: team_id (team);
 * org: all costs, with or without a team.
 */
export type CostsAggregate = {
  marketingCents: number
  salesCents: number
  personnelCents: number
  fixedCents: number
}

/** Labour-efficiency inputs over the trailing 6-month window ending where P's figures end (./windows.ts efficiencyWindow). */
export type EfficiencyAggregate = {
  /** Won amount of new-business, upsell and cross-sell deals closed in the window (renewals excluded). */
  newRevenueCents: number
  fixedCostsCents: number
  personnelCostsCents: number
}

export type Aggregates = {
  activities: ActivitiesAggregate
  leads: LeadsAggregate
  deals: DealsAggregate
  pipeline: PipelineAggregate
  customers: CustomersAggregate
  cohort: CohortAggregate
  lifetime: LifetimeAggregate
  surveys: SurveysAggregate
  costs: CostsAggregate
  efficiency: EfficiencyAggregate
}

/** The records of an empty period (what SQL returns when nothing matched). */
export function emptyAggregates(): Aggregates {
  return {
    activities: { calls: 0, meetings: 0, proposals: 0, emails: 0 },
    leads: {
      created: 0,
      createdByChannel: {},
      newAccounts: 0,
      qualified: 0,
      mqlCohort: 0,
      mqlCohortConverted: 0,
      createdConverted: 0,
      responded: 0,
      medianResponseHours: null,
    },
    deals: {
      won: 0,
      lost: 0,
      wonAmountCents: 0,
      wonCostCents: 0,
      wonCostKnownAmountCents: 0,
      wonCostUnknown: 0,
      wonAmountCentsByType: { new_business: 0, upsell: 0, cross_sell: 0, renewal: 0 },
      wonCycleSecondsSum: 0,
      wonFromLead: 0,
      wonFromLeadSecondsSum: 0,
      expansionAmountCents: 0,
      newCustomers: 0,
    },
    pipeline: { open: 0, openAmountCents: 0, openWeightedAmountCents: 0, weightedClosingInPeriodCents: 0 },
    customers: { activeAtStart: 0, activeAtEnd: 0, newActiveAtEnd: 0, churned: 0, activeAtStartIcp: 0, churnedIcp: 0 },
    cohort: { revenueCents: 0, previousRevenueCents: 0 },
    lifetime: { marginCents: 0, activeAtEnd: 0, activeAtWindowStart: 0, churnedInWindow: 0 },
    surveys: {
      npsResponses: 0,
      npsPromoters: 0,
      npsDetractors: 0,
      csatResponses: 0,
      csatSatisfied: 0,
      enpsResponses: 0,
      enpsPromoters: 0,
      enpsDetractors: 0,
      q12Responses: 0,
      q12ScoreHundredthsSum: 0,
    },
    costs: { marketingCents: 0, salesCents: 0, personnelCents: 0, fixedCents: 0 },
    efficiency: { newRevenueCents: 0, fixedCostsCents: 0, personnelCostsCents: 0 },
  }
}
