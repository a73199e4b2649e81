import { describe, expect, test } from 'vitest'
import { noValue, someValue } from '../value.ts'
import { leadToOpportunity, leadVelocityDays, mqlToSql, newAccounts, newLeads, qualifiedLeads } from './lead-flow.ts'
import { aggregates, context } from './test-helpers.ts'

describe('leads.new', () => {
  test('counts leads created with a breakdown per channel, sorted by channel', () => {
    const a = aggregates({ leads: { created: 9, createdByChannel: { web: 5, event: 1, referral: 3 } } })
    expect(newLeads.compute(a, context())).toEqual(
      someValue(9, [
        { key: 'channel:event', value: someValue(1) },
        { key: 'channel:referral', value: someValue(3) },
        { key: 'channel:web', value: someValue(5) },
      ]),
    )
  })
  test('empty period: 0 leads, no channels', () => {
    expect(newLeads.compute(aggregates(), context())).toEqual(someValue(0))
  })
})

test('leads.new_accounts: the count of first-seen accounts; 0 in an empty period', () => {
  expect(newAccounts.compute(aggregates({ leads: { newAccounts: 4 } }), context())).toEqual(someValue(4))
  expect(newAccounts.compute(aggregates(), context())).toEqual(someValue(0))
})

describe('leads.qualified', () => {
  test('with growth vs the previous period beside it', () => {
    const a = aggregates({ leads: { qualified: 15 } })
    const previous = aggregates({ leads: { qualified: 12 } })
    // (15 − 12) ÷ 12 × 100 = 25 %
    expect(qualifiedLeads.compute(a, context({ previous }))).toEqual(
      someValue(15, [{ key: 'vs-previous', value: someValue(25) }]),
    )
  })
  test('empty period: 0, and growth against an empty previous period has no value', () => {
    expect(qualifiedLeads.compute(aggregates(), context({ previous: aggregates() }))).toEqual(
      someValue(0, [{ key: 'vs-previous', value: noValue('zero-denominator') }]),
    )
    expect(qualifiedLeads.compute(aggregates(), context())).toEqual(
      someValue(0, [{ key: 'vs-previous', value: noValue('no-data') }]),
    )
  })
})

test.each([
  { cohort: 8, converted: 3, expected: someValue(37.5) }, // 3 ÷ 8 × 100
  { cohort: 3, converted: 3, expected: someValue(100) },
  { cohort: 0, converted: 0, expected: noValue('zero-denominator') }, // no MQL in the period
])('leads.mql_to_sql: $converted of $cohort', ({ cohort, converted, expected }) => {
  expect(
    mqlToSql.compute(aggregates({ leads: { mqlCohort: cohort, mqlCohortConverted: converted } }), context()),
  ).toEqual(expected)
})

test.each([
  { created: 40, converted: 6, expected: someValue(15) }, // 6 ÷ 40 × 100
  { created: 0, converted: 0, expected: noValue('zero-denominator') },
])('leads.lead_to_opportunity: $converted of $created', ({ created, converted, expected }) => {
  expect(leadToOpportunity.compute(aggregates({ leads: { created, createdConverted: converted } }), context())).toEqual(
    expected,
  )
})

test.each([
  // two deals, 30 and 45 days from lead: (30 + 45) × 86 400 s ÷ 2 ÷ 86 400 = 37.5 days
  { wonFromLead: 2, seconds: 75 * 86_400, expected: someValue(37.5) },
  // one deal, 36 hours: 129 600 s ÷ 86 400 = 1.5 days
  { wonFromLead: 1, seconds: 129_600, expected: someValue(1.5) },
  // empty period: no won deal came from a lead
  { wonFromLead: 0, seconds: 0, expected: noValue('zero-denominator') },
])('leads.velocity_days over $wonFromLead deals', ({ wonFromLead, seconds, expected }) => {
  const a = aggregates({ deals: { won: 3, wonFromLead, wonFromLeadSecondsSum: seconds } })
  expect(leadVelocityDays.compute(a, context())).toEqual(expected)
})
