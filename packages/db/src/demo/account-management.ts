import { DAY_MS } from './calendar.ts'
import { emitActivity, emitDeal } from './deals.ts'
import { officeMoment, isWorkingDay, pickActiveCustomer } from './sim.ts'
import type { Sim } from './sim.ts'

const YEAR_MS = 365 * DAY_MS
const RENEWAL_LEAD_MS = 45 * DAY_MS

/**
 * Deals with existing customers that start in a month without a lead: a renewal 45 days before each contract
 * anniversary, and upsell / cross-sell at `expansionDealsPerCustomerYear`.
 */
export function emitExpansionDeals(sim: Sim, monthStartMs: number, monthEndMs: number): void {
  const r = sim.random
  const endMs = Math.min(monthEndMs, sim.nowMs)
  const ratePerMs = sim.options.expansionDealsPerCustomerYear / YEAR_MS
  // Only customers known at the start of the month: new ones appended below must not be visited in this loop.
  const count = sim.customers.length
  for (let i = 0; i < count; i++) {
    const customer = sim.customers[i]
    if (!customer) continue
    const fromMs = Math.max(monthStartMs, customer.acquiredMs)
    const toMs = Math.min(endMs, customer.churnMs)
    if (fromMs >= toMs) continue
    const rep = sim.repById.get(customer.ownerId)
    if (!rep) continue
    const plan = { rep, segment: customer.segment, icp: customer.icp, customer, leadId: null, account: customer.name }
    const years = Math.floor((toMs + RENEWAL_LEAD_MS - customer.acquiredMs) / YEAR_MS)
    const renewalMs = years >= 1 ? customer.acquiredMs + years * YEAR_MS - RENEWAL_LEAD_MS : -1
    if (renewalMs >= fromMs && renewalMs < toMs) emitDeal(sim, { ...plan, type: 'RENEWAL', createdMs: renewalMs })
    const deals = r.poisson((toMs - fromMs) * ratePerMs)
    for (let d = 0; d < deals; d++) {
      const createdMs = fromMs + r.next() * (toMs - fromMs)
      emitDeal(sim, { ...plan, type: r.chance(0.55) ? 'UPSELL' : 'CROSS_SELL', createdMs })
    }
  }
}

/** Account-management calls, emails and visits per rep per working day, mostly with the rep's own customers. */
export function emitAccountActivities(sim: Sim, firstDay: number, endDay: number): void {
  const r = sim.random
  const rate = sim.options.accountActivitiesPerRepDay
  if (rate <= 0) return
  for (let day = firstDay; day < endDay; day++) {
    if (!isWorkingDay(sim, day)) continue
    for (const rep of sim.reps) {
      const n = r.poisson(rate * rep.hustle)
      for (let i = 0; i < n; i++) {
        const at = officeMoment(sim, day)
        const customer = pickActiveCustomer(sim, at, sim.customersByRep.get(rep.id) ?? [])
        const type = r.weighted([
          ['CALL', 50],
          ['EMAIL', 40],
          ['MEETING', 10],
        ] as const)
        emitActivity(sim, type, rep, at, null, null, customer?.id ?? null)
      }
    }
  }
}
