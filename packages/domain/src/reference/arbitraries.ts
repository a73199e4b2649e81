/**
 * fast-check generators of random datasets for property tests (test-only). Rows get ids from `idBase`
 * upwards and only reference rows of the same batch, so a batch can be added to another dataset as
 * independent data.
 *
 * Exports: datasetArbitrary.
 */
import fc from 'fast-check'
import { centsToDecimalString } from '../money.ts'
import type { Dataset } from './rows.ts'

const users = [
  { id: 1, teamId: 10 },
  { id: 2, teamId: 10 },
  { id: 3, teamId: 20 },
]
const teamOf = (ownerId: number) => users.find((u) => u.id === ownerId)!.teamId

/** Rows whose every timestamp lies in [fromMs, toMs]; cost months are the given months. */
export function datasetArbitrary(options: { fromMs: number; toMs: number; idBase: number; months: string[] }) {
  const { fromMs, toMs, idBase, months } = options
  const instant = fc.integer({ min: fromMs, max: toMs }).map((ms) => new Date(ms).toISOString())
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
  const owner = fc.constantFrom(1, 2, 3)
  const customerIds = [1, 2, 3, 4, 5].map((i) => idBase + i)
  const cents = fc.integer({ min: 0, max: 5_000_000 }).map(centsToDecimalString)

  const leads = fc.array(
    fc.record({
      ownerId: owner,
      channel: fc.constantFrom('web', 'event', 'referral'),
      accountKey: maybe(fc.constantFrom('a', 'b', 'c').map((k) => `${k}-${idBase}`)),
      createdAt: instant,
      mqlAt: maybe(instant),
      sqlAt: maybe(instant),
      opportunityAt: maybe(instant),
    }),
    { maxLength: 12 },
  )
  const customers = fc.tuple(
    ...customerIds.map((id) =>
      fc.record({ ownerId: owner, idealProfile: fc.boolean(), churnedAt: maybe(instant) }).map((c) => ({ id, ...c })),
    ),
  )
  const deals = fc.array(
    fc.record({
      ownerId: owner,
      customer: maybe(fc.constantFrom(...customerIds)),
      leadIndex: maybe(fc.nat(11)),
      type: fc.constantFrom('new_business', 'upsell', 'cross_sell', 'renewal' as const),
      status: fc.constantFrom('open', 'won', 'lost' as const),
      probability: fc.integer({ min: 0, max: 100 }),
      amount: cents,
      cost: cents,
      createdAt: instant,
      expectedCloseAt: maybe(instant),
      closedAt: instant,
    }),
    { maxLength: 12 },
  )
  const activities = fc.array(
    fc.record({
      type: fc.constantFrom('call', 'meeting', 'proposal', 'email' as const),
      userId: owner,
      leadIndex: maybe(fc.nat(11)),
      customer: maybe(fc.constantFrom(...customerIds)),
      occurredAt: instant,
    }),
    { maxLength: 15 },
  )
  const surveys = fc.array(
    fc
      .oneof(
        fc.record({
          kind: fc.constantFrom('nps', 'enps' as const),
          score: fc.integer({ min: 0, max: 10 }).map((s) => `${s}.00`),
        }),
        fc.record({ kind: fc.constant('csat' as const), score: fc.integer({ min: 1, max: 5 }).map((s) => `${s}.00`) }),
        fc.record({
          kind: fc.constant('q12' as const),
          score: fc.integer({ min: 100, max: 500 }).map(centsToDecimalString),
        }),
      )
      .chain((s) =>
        fc
          .record({
            respondedAt: instant,
            customer: maybe(fc.constantFrom(...customerIds)),
            team: maybe(fc.constantFrom(10, 20)),
          })
          .map((r) => ({ ...s, respondedAt: r.respondedAt, customerId: r.customer, teamId: r.team })),
      ),
    { maxLength: 10 },
  )
  const costs = fc.array(
    fc.record({
      category: fc.constantFrom('marketing', 'sales', 'personnel', 'fixed' as const),
      month: fc.constantFrom(...months),
      teamId: maybe(fc.constantFrom(10, 20)),
      amount: cents,
    }),
    { maxLength: 8 },
  )

  return fc.record({ leads, customers, deals, activities, surveys, costs }).map((r): Dataset => {
    const leadRows = r.leads.map((l, i) => ({ id: idBase + i, teamId: teamOf(l.ownerId), ...l }))
    const leadId = (index: number | null) => (index === null || index >= leadRows.length ? null : idBase + index)
    return {
      users,
      leads: leadRows,
      customers: r.customers,
      deals: r.deals.map((d, i) => ({
        id: idBase + i,
        ownerId: d.ownerId,
        teamId: teamOf(d.ownerId),
        customerId: d.customer,
        leadId: leadId(d.leadIndex),
        type: d.type,
        status: d.status,
        probability: d.probability,
        amount: d.amount,
        cost: d.cost,
        createdAt: d.createdAt,
        expectedCloseAt: d.expectedCloseAt,
        closedAt: d.status === 'open' ? null : d.closedAt,
      })),
      activities: r.activities.map((a, i) => ({
        id: idBase + i,
        type: a.type,
        userId: a.userId,
        teamId: teamOf(a.userId),
        leadId: leadId(a.leadIndex),
        dealId: null,
        customerId: a.customer,
        occurredAt: a.occurredAt,
      })),
      surveys: r.surveys,
      costs: r.costs,
    }
  })
}
