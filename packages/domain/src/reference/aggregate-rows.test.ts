import { describe, expect, test } from 'vitest'
import { KPI_KEYS } from '../kpis/keys.ts'
import { computeKpi } from '../kpis/registry.ts'
import { periodContaining } from '../periods.ts'
import { customersAggregate } from './customer-rows.ts'
import {
  aggregateAll,
  dealsAggregate,
  activitiesAggregate,
  surveysAggregate,
  costsAggregate,
} from './aggregate-rows.ts'
import { FIXTURE, FIXTURE_NOW, FIXTURE_SETTINGS } from './fixture.ts'

const march = periodContaining('2026-03-01', 'month', FIXTURE_SETTINGS)
const org = { type: 'org' } as const
const all = aggregateAll(FIXTURE, org, march, { now: FIXTURE_NOW, settings: FIXTURE_SETTINGS })

describe('March 2026, organisation: aggregates computed by hand', () => {
  test('activities', () => {
    // calls 1, 3, 6 (7 is 28 Feb 23:59:59.999 local); meeting 2; proposal 5; email 4 is in April
    expect(all.activities).toEqual({ calls: 3, meetings: 1, proposals: 1, emails: 0 })
  })

  test('leads', () => {
    expect(all.leads).toEqual({
      created: 4, // 101, 102, 103, 104 (104 at 23:30 local on 31 March; 105 is 1 April 00:00 local)
      createdByChannel: { web: 2, event: 1, referral: 1 },
      newAccounts: 1, // acme (first lead 101 in March); globex was first seen in February (lead 100)
      qualified: 2, // sqlAt in March: 100, 101
      mqlCohort: 3, // mqlAt in March: 100, 101, 102
      mqlCohortConverted: 2, // 100 and 101 have an sqlAt
      createdConverted: 1, // 101
      responded: 3, // 101 after 2 h, 103 after 8 h, 104 after 12 h (the next morning); 102 only before creation
      medianResponseHours: 8, // median of 2, 8, 12
    })
  })

  test('deals', () => {
    expect(all.deals).toEqual({
      won: 4, // 4, 5, 6, 7
      lost: 1, // 8
      wonAmountCents: 180_050, // 300.20 + 1500.00 + 0.10 + 0.20 = 1800.50
      wonCostCents: 100_000, // 100.00 + 900.00 (+ 0 of deal 6; deal 7's cost is unknown)
      wonCostKnownAmountCents: 180_030, // 1800.50 − 0.20 of deal 7
      wonCostUnknown: 1, // deal 7
      wonAmountCentsByType: { new_business: 150_010, upsell: 30_020, cross_sell: 20, renewal: 0 },
      // 10 d + 25 d 12.5 h + 1 d + 2 d = 864 000 + 2 205 000 + 86 400 + 172 800 s
      wonCycleSecondsSum: 3_328_200,
      wonFromLead: 1, // deal 5 from lead 101
      wonFromLeadSecondsSum: 2_550_600, // 2 March 09:00Z → 31 March 21:30Z = 29 d 12.5 h
      expansionAmountCents: 30_040, // upsell 4 (customer 1 since Nov) + cross-sell 7 (customer 2 since Jan)
      newCustomers: 2, // customer 4 (deal 5) and customer 5 (deal 6)
    })
  })

  test('pipeline at the end of March', () => {
    expect(all.pipeline).toEqual({
      open: 3, // 9, 10 and 11 (won only on 2 April)
      openAmountCents: 340_000, // 1000 + 2000 + 400
      openWeightedAmountCents: 122_000, // 1000 × 50 % + 2000 × 20 % + 400 × 80 % = 500 + 400 + 320
      weightedClosingInPeriodCents: 82_000, // 9 (30 March) and 11 (31 March): 500 + 320
    })
  })

  test('customers', () => {
    expect(all.customers).toEqual({
      activeAtStart: 3, // 1 (Nov), 2 (Jan), 3 (Jul, churns 20 March); 7 churned in 2025
      activeAtEnd: 3, // 1, 2, 4 (acquired 21:30Z, before the 22:00Z end)
      newActiveAtEnd: 1, // 4; 5 was acquired and lost within March
      churned: 1, // 3
      activeAtStartIcp: 2, // 1, 3
      churnedIcp: 1, // 3
    })
  })

  test('NRR cohort: customers acquired before February', () => {
    // cohort 1, 2, 3, 7; March: 300.20 (deal 4) + 0.20 (deal 7); February: 600.80 (deal 12)
    expect(all.cohort).toEqual({ revenueCents: 30_040, previousRevenueCents: 60_080 })
  })

  test('CLV window: April 2025 – March 2026', () => {
    expect(all.lifetime).toEqual({
      // margins of won deals in the window: 400.10 + 1000 + 400 + 200.20 + 600 + 0.10 + 600.80 = 3201.20
      // (deal 7, cost unknown, has no margin)
      marginCents: 320_120,
      activeAtEnd: 3,
      activeAtWindowStart: 1, // customer 7 (acquired 2024)
      churnedInWindow: 1, // customer 7 left in September 2025
    })
  })

  test('surveys', () => {
    expect(all.surveys).toEqual({
      npsResponses: 3, // the 10 of 27 February is outside
      npsPromoters: 1, // 9.00
      npsDetractors: 1, // 6.00 (7.50 is passive)
      csatResponses: 3,
      csatSatisfied: 2, // 4.00 and 5.00
      enpsResponses: 3,
      enpsPromoters: 2,
      enpsDetractors: 1,
      q12Responses: 2,
      q12ScoreHundredthsSum: 775, // 3.50 + 4.25
    })
  })

  test('costs of March and the 6-month efficiency window', () => {
    expect(all.costs).toEqual({
      marketingCents: 400_000, // 3000 + 1000 (team 10); February's 999.99 is outside
      salesCents: 200_050,
      personnelCents: 1_000_000,
      fixedCents: 500_000,
    })
    expect(all.efficiency).toEqual({
      // won, not renewal, October–March: 1000.10 + 2000 + 300.20 + 1500 + 0.10 + 0.20 + 600.80 = 5401.40
      newRevenueCents: 540_140,
      fixedCostsCents: 500_000,
      personnelCostsCents: 6_000_000, // 6 × 10 000
    })
  })
})

describe('March 2026, organisation: every KPI end to end', () => {
  const ctx = { period: march, targets: { 'revenue.won': 2000 } }
  const value = (key: (typeof KPI_KEYS)[number]) => computeKpi(key, org, all, ctx)

  test.each([
    ['activity.calls', 3],
    ['activity.meetings', 1],
    ['activity.proposals', 1],
    ['activity.response_hours', 8],
    ['leads.new', 4],
    ['leads.new_accounts', 1],
    ['leads.qualified', 2],
    ['leads.mql_to_sql', 200 / 3], // 2 ÷ 3 × 100
    ['leads.lead_to_opportunity', 25], // 1 ÷ 4
    ['leads.velocity_days', 2_550_600 / 86_400], // 29.52 days
    ['revenue.won', 1800.5],
    ['revenue.split', 1800.5],
    ['deals.win_rate', 80], // 4 ÷ (4 + 1)
    ['deals.avg_size', 450.125], // 1800.50 ÷ 4
    ['deals.cycle_days', 3_328_200 / 4 / 86_400], // 9.63 days
    ['deals.margin_pct', (80_030 * 100) / 180_030], // (1800.30 − 1000) ÷ 1800.30 × 100, deal 7 left out
    ['pipeline.value', 3400],
    ['pipeline.coverage', 82_000 / 19_950], // 820 ÷ (2000 − 1800.50) = 4.11×
    ['customers.new', 2],
    ['customers.churn_rate', 100 / 3], // 1 ÷ 3
    ['customers.retention_rate', 200 / 3], // (3 − 1) ÷ 3
    ['revenue.nrr', 50], // 300.40 ÷ 600.80
    ['revenue.expansion', 300.4],
    ['customers.clv', 3201.2 / 3], // 3201.20 ÷ 3 customers × min(10, 1 ÷ 100 %) = 1 year
    ['customers.nps', 0], // 1 ÷ 3 − 1 ÷ 3
    ['customers.csat', 200 / 3], // 2 ÷ 3
    ['team.enps', 100 / 3], // (2 − 1) ÷ 3
    ['team.q12', 3.875], // 7.75 ÷ 2
    ['efficiency.labour_ratio', 40_140 / 6_000_000], // (5401.40 − 5000) ÷ 60 000
    ['efficiency.cac', 3000.25], // (2000.50 + 4000) ÷ 2
    ['efficiency.cost_per_qualified_lead', 2000], // 4000 ÷ 2
  ] as const)('%s = %d', (key, expected) => {
    const v = value(key)
    expect(v.kind).toBe('value')
    expect(v.kind === 'value' && v.value).toBeCloseTo(expected, 10)
  })

  test('revenue.growth against February like-for-like', () => {
    const feb = periodContaining('2026-02-01', 'month', FIXTURE_SETTINGS)
    const previous = aggregateAll(FIXTURE, org, feb, { now: FIXTURE_NOW, settings: FIXTURE_SETTINGS })
    // February won: 600.80 (deal 12) → (1800.50 − 600.80) ÷ 600.80 × 100 = 199.68 %
    const v = computeKpi('revenue.growth', org, all, { period: march, previous })
    expect(v.kind === 'value' && v.value).toBeCloseTo((119_970 / 60_080) * 100, 10)
  })

  test('the churn ICP variant: 1 of 2 ideal-profile customers = 50 %', () => {
    expect(value('customers.churn_rate').details).toEqual([{ key: 'icp', value: { kind: 'value', value: 50 } }])
  })
})

describe('scopes', () => {
  test('rep 1: own deals and activities only', () => {
    const d = dealsAggregate(FIXTURE, { type: 'rep', id: 1 }, march)
    // deals 4 and 5: 300.20 + 1500.00
    expect(d).toMatchObject({ won: 2, lost: 0, wonAmountCents: 180_020, newCustomers: 1 })
    expect(activitiesAggregate(FIXTURE, { type: 'rep', id: 1 }, march)).toEqual({
      calls: 2,
      meetings: 1,
      proposals: 0,
      emails: 0,
    })
  })

  test('team 20: only the lost renewal closed', () => {
    expect(dealsAggregate(FIXTURE, { type: 'team', id: 20 }, march)).toMatchObject({
      won: 0,
      lost: 1,
      wonAmountCents: 0,
    })
  })

  test('customer 1: the upsell', () => {
    expect(dealsAggregate(FIXTURE, { type: 'customer', id: 1 }, march)).toMatchObject({
      won: 1,
      wonAmountCents: 30_020,
    })
  })

  test('team 10 customers are those owned by its members (reps 1 and 2)', () => {
    // customers 1, 2, 4, 5; active at start: 1, 2; none of them churned from the start set
    expect(customersAggregate(FIXTURE, { type: 'team', id: 10 }, march)).toEqual({
      activeAtStart: 2,
      activeAtEnd: 3,
      newActiveAtEnd: 1,
      churned: 0,
      activeAtStartIcp: 1,
      churnedIcp: 0,
    })
  })

  test('surveys by team and customer; none for a rep (anonymous)', () => {
    expect(surveysAggregate(FIXTURE, { type: 'team', id: 10 }, march)).toMatchObject({
      enpsResponses: 2,
      enpsPromoters: 1,
      enpsDetractors: 1,
      q12Responses: 1,
    })
    expect(surveysAggregate(FIXTURE, { type: 'customer', id: 1 }, march)).toMatchObject({
      npsResponses: 1,
      csatResponses: 1,
    })
    expect(surveysAggregate(FIXTURE, { type: 'rep', id: 1 }, march).npsResponses).toBe(0)
  })

  test('team costs are only those booked on the team', () => {
    expect(costsAggregate(FIXTURE, { type: 'team', id: 10 }, march, FIXTURE_NOW, FIXTURE_SETTINGS)).toEqual({
      marketingCents: 100_000,
      salesCents: 200_050,
      personnelCents: 0,
      fixedCents: 0,
    })
  })
})

test('an empty period (March 2020): counts are 0, ratios have no value, never NaN', () => {
  const empty = periodContaining('2020-03-01', 'month', FIXTURE_SETTINGS)
  const a = aggregateAll(FIXTURE, org, empty, { now: FIXTURE_NOW, settings: FIXTURE_SETTINGS })
  for (const key of KPI_KEYS) {
    const v = computeKpi(key, org, a, { period: empty })
    if (v.kind === 'value') expect(Number.isFinite(v.value)).toBe(true)
  }
  expect(computeKpi('deals.win_rate', org, a, { period: empty })).toEqual({ kind: 'none', reason: 'zero-denominator' })
  expect(computeKpi('activity.calls', org, a, { period: empty })).toEqual({ kind: 'value', value: 0 })
})
