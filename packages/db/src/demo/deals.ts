import { DAY_MS } from './calendar.ts'
import { ORGANIZATION_ID } from './org.ts'
import type { Product, Rep } from './org.ts'
import type { ActivityTypeValue, DealRow, DealTypeValue, Segment } from './rows.ts'
import { clamp, orgStatsFor, statsFor, toOfficeHours } from './sim.ts'
import type { CustomerState, Sim } from './sim.ts'

/** Sales-cycle median in days by segment: bigger customers decide slower. */
const CYCLE_DAYS: Record<Segment, number> = { SMB: 24, 'mid-market': 42, enterprise: 75 }
const SIZE_FACTOR: Record<Segment, number> = { SMB: 0.45, 'mid-market': 1, enterprise: 2.6 }
const TYPE_FACTOR: Record<DealTypeValue, number> = { NEW_BUSINESS: 1, UPSELL: 0.45, CROSS_SELL: 0.6, RENEWAL: 0.8 }

/** Open-deal stages with their default win probability (percent), by progress through the cycle. */
const OPEN_STAGES: readonly (readonly [string, number])[] = [
  ['qualification', 10],
  ['discovery', 25],
  ['proposal', 50],
  ['negotiation', 75],
]

export const ID_WIDTH = 6
export const externalId = (kind: string, id: number): string => `demo-${kind}-${String(id).padStart(ID_WIDTH, '0')}`

export interface DealPlan {
  rep: Rep
  type: DealTypeValue
  segment: Segment
  icp: boolean
  createdMs: number
  customer: CustomerState | undefined
  leadId: number | null
  /** The lead's account name, for the deal name and a customer created on winning. */
  account: string
}

export function pickProduct(sim: Sim, type: DealTypeValue, customer: CustomerState | undefined): Product {
  const r = sim.random
  if (customer && (type === 'UPSELL' || type === 'RENEWAL')) {
    const primary = sim.products[customer.primaryProductId - 1]
    if (primary && (type === 'UPSELL' || primary.recurring)) return primary
    return sim.products.find((p) => p.recurring && p.category === 'Support') ?? r.pick(sim.products)
  }
  const candidates = customer ? sim.products.filter((p) => p.id !== customer.primaryProductId) : sim.products
  return r.weighted(candidates.map((p) => [p, p.popularity] as const))
}

/** Amount in whole euros as cents: list price × segment × type × a log-normal spread (a long tail of big deals). */
function amountCents(sim: Sim, product: Product, segment: Segment, type: DealTypeValue): number {
  const euros = product.listPriceEur * SIZE_FACTOR[segment] * TYPE_FACTOR[type] * sim.random.logNormal(1, 0.45)
  return Math.max(250, Math.round(euros / 10) * 10) * 100
}

/**
 * Simulates a deal from creation to close, then cuts it at "now": a close after now leaves the deal open in the
 * stage its progress has reached, with the planned close as expected close date. Emits the deal, its activities,
 * and — for a won new-business deal — the customer it creates (returned, so the lead can point at it).
 */
export function emitDeal(sim: Sim, plan: DealPlan): CustomerState | undefined {
  const r = sim.random
  const { rep, type, segment, icp, createdMs } = plan
  const product = pickProduct(sim, type, plan.customer)
  const amount = amountCents(sim, product, segment, type)
  const cost = Math.round(amount * (0.4 + 0.3 * r.next()))
  const winProbability =
    type === 'RENEWAL'
      ? 0.93
      : clamp(0.3 * rep.winSkill * (icp ? 1.12 : 0.88) * (type === 'NEW_BUSINESS' ? 1 : 1.45), 0.05, 0.85)
  let won = r.chance(winProbability)
  const typeSpeed = type === 'NEW_BUSINESS' ? 1 : 0.55
  const cycleDays = r.logNormal(CYCLE_DAYS[segment] * typeSpeed * (won ? 0.9 : 1.15), 0.5)
  let plannedCloseMs = toOfficeHours(sim, createdMs + Math.max(1, cycleDays) * DAY_MS)
  // A renewal closes on the contract anniversary and is lost when the customer leaves around it.
  if (type === 'RENEWAL' && plan.customer) {
    plannedCloseMs = createdMs + 45 * DAY_MS
    if (plan.customer.churnMs < plannedCloseMs + 60 * DAY_MS) won = false
  }
  const closed = plannedCloseMs <= sim.nowMs
  const progress = closed ? 1 : (sim.nowMs - createdMs) / (plannedCloseMs - createdMs)
  const [stage, probability] = closed
    ? won
      ? ['closed-won', 100]
      : ['closed-lost', 0]
    : (OPEN_STAGES[Math.min(3, Math.floor(progress * 4))] as readonly [string, number])

  let customer = plan.customer
  let created: CustomerState | undefined
  if (closed && won && type === 'NEW_BUSINESS') created = customer = acquireCustomer(sim, plan, plannedCloseMs, product)

  const id = sim.out.nextId('deals')
  const deal: DealRow = {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('deal', id),
    name: `${plan.account} – ${product.name.toLowerCase()}`,
    ownerId: rep.id,
    teamId: rep.teamId,
    customerId: customer?.id ?? null,
    leadId: plan.leadId,
    productId: product.id,
    type,
    stage,
    probability,
    status: closed ? (won ? 'WON' : 'LOST') : 'OPEN',
    amountCents: amount,
    costCents: cost,
    createdAt: new Date(createdMs),
    expectedCloseAt: new Date(plannedCloseMs),
    closedAt: closed ? new Date(plannedCloseMs) : null,
  }
  sim.out.push('deals', deal)

  if (closed && won) {
    const stats = statsFor(sim, rep.id, plannedCloseMs)
    if (stats) stats.wonCents += amount
    const orgStats = orgStatsFor(sim, plannedCloseMs)
    if (orgStats && (type === 'UPSELL' || type === 'CROSS_SELL')) orgStats.expansionCents += amount
    if (customer && r.chance(0.35)) emitCsat(sim, customer, plannedCloseMs + r.int(3, 20) * DAY_MS, rep.winSkill)
  }

  // Activities along the cycle: discovery meetings, a proposal half-way, a closing call.
  const endMs = Math.min(plannedCloseMs, sim.nowMs)
  const meetings = 1 + r.poisson(segment === 'enterprise' ? 2 : segment === 'mid-market' ? 1 : 0.4)
  for (let i = 0; i < meetings; i++) {
    const at = createdMs + r.next() * 0.5 * (plannedCloseMs - createdMs)
    emitActivity(sim, 'MEETING', rep, toOfficeHours(sim, at), plan.leadId, id, customer?.id ?? null, endMs)
  }
  if (progress >= 0.5) {
    const at = toOfficeHours(sim, createdMs + 0.5 * (plannedCloseMs - createdMs))
    emitActivity(sim, 'PROPOSAL', rep, at, plan.leadId, id, customer?.id ?? null, endMs)
  }
  if (closed) {
    const at = toOfficeHours(sim, Math.max(createdMs, plannedCloseMs - r.next() * 2 * DAY_MS))
    emitActivity(sim, 'CALL', rep, at, plan.leadId, id, customer?.id ?? null)
  }
  return created
}

/** Creates a customer as of its first won deal; the churn moment is drawn now (and only shown once it is past). */
export function acquireCustomer(
  sim: Sim,
  plan: Pick<DealPlan, 'rep' | 'segment' | 'icp' | 'createdMs' | 'account'>,
  acquiredMs: number,
  product: Product,
): CustomerState {
  const r = sim.random
  // Monthly churn hazard: customers outside the ideal profile leave about four times as often.
  const hazard = plan.icp ? 0.008 : 0.03
  const lifetimeMonths = Math.log(1 - r.next()) / Math.log(1 - hazard)
  const churnMs = acquiredMs + lifetimeMonths * 30.44 * DAY_MS
  const id = sim.out.nextId('customers')
  const customer: CustomerState = {
    id,
    name: plan.account,
    ownerId: plan.rep.id,
    segment: plan.segment,
    icp: plan.icp,
    acquiredMs,
    churnMs,
    primaryProductId: product.id,
  }
  sim.out.push('customers', {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('customer', id),
    name: plan.account,
    segment: plan.segment,
    idealProfile: plan.icp,
    ownerId: plan.rep.id,
    acquiredAt: new Date(acquiredMs),
    churnedAt: churnMs <= sim.nowMs ? new Date(churnMs) : null,
    createdAt: new Date(plan.createdMs),
  })
  sim.customers.push(customer)
  let own = sim.customersByRep.get(plan.rep.id)
  if (!own) sim.customersByRep.set(plan.rep.id, (own = []))
  own.push(customer)
  const orgStats = orgStatsFor(sim, acquiredMs)
  if (orgStats) orgStats.newCustomers++
  return customer
}

/** Emits an activity unless it would lie after `notAfterMs` (and never after now); counts it for targets. */
export function emitActivity(
  sim: Sim,
  type: ActivityTypeValue,
  rep: Rep,
  occurredMs: number,
  leadId: number | null,
  dealId: number | null,
  customerId: number | null,
  notAfterMs = sim.nowMs,
): void {
  if (occurredMs > notAfterMs || occurredMs > sim.nowMs) return
  if (sim.options.activitySampling < 1 && !sim.random.chance(sim.options.activitySampling)) return
  const id = sim.out.nextId('activities')
  sim.out.push('activities', {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('activity', id),
    type,
    userId: rep.id,
    teamId: rep.teamId,
    leadId,
    dealId,
    customerId,
    occurredAt: new Date(occurredMs),
  })
  const stats = statsFor(sim, rep.id, occurredMs)
  if (!stats) return
  if (type === 'CALL') stats.calls++
  else if (type === 'MEETING') stats.meetings++
  else if (type === 'PROPOSAL') stats.proposals++
}

/** A CSAT answer (1–5) a few days after a won deal; better reps leave happier customers. */
function emitCsat(sim: Sim, customer: CustomerState, respondedMs: number, skill: number): void {
  if (respondedMs > sim.nowMs) return
  const base = 3.9 + (customer.icp ? 0.3 : -0.2) + (skill - 1) * 0.8
  const score = clamp(Math.round(base + sim.random.normal() * 0.9), 1, 5)
  const id = sim.out.nextId('survey_responses')
  sim.out.push('survey_responses', {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('survey', id),
    kind: 'CSAT',
    score,
    respondedAt: new Date(respondedMs),
    customerId: customer.id,
    teamId: null,
  })
}
