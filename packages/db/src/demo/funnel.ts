import { DAY_MS, HOUR_MS } from './calendar.ts'
import { acquireCustomer, emitActivity, emitDeal, externalId } from './deals.ts'
import { accountKey, companyName, personName } from './names.ts'
import { ORGANIZATION_ID } from './org.ts'
import { hashUnit } from './random.ts'
import type { LeadRow, Segment } from './rows.ts'
import { clamp, orgStatsFor, pickActiveCustomer, statsFor, toOfficeHours } from './sim.ts'
import type { CustomerState, Sim } from './sim.ts'

/** Channel mix of new leads and how well each channel's leads qualify (× the base MQL rate). */
export const CHANNELS: readonly (readonly [name: string, weight: number, quality: number])[] = [
  ['website', 30, 1.0],
  ['referral', 12, 1.35],
  ['event', 12, 0.95],
  ['outbound', 20, 0.8],
  ['partner', 10, 1.2],
  ['paid', 16, 0.85],
]

/** Base funnel conversion rates (SPEC issue: lead → MQL ~45 %, MQL → SQL ~50 %, SQL → opportunity ~70 %). */
const MQL_RATE = 0.45
const SQL_RATE = 0.5
const OPPORTUNITY_RATE = 0.7

/** Segment and ideal-profile flag of an account, fixed per account index so a returning account stays the same. */
export function accountProfile(seed: number, index: number): { segment: Segment; icp: boolean } {
  const u = hashUnit(seed, index)
  const segment: Segment = u < 0.55 ? 'SMB' : u < 0.88 ? 'mid-market' : 'enterprise'
  const icpShare = segment === 'SMB' ? 0.4 : segment === 'mid-market' ? 0.65 : 0.75
  return { segment, icp: hashUnit(index, seed ^ 0x5bd1e995) < icpShare }
}

/**
 * One lead from creation through MQL, SQL and opportunity to a deal, simulated to the end and then cut at "now":
 * a step after now has not happened yet, so it and every later step stay empty.
 */
export function simulateLead(sim: Sim, createdMs: number): void {
  const r = sim.random
  const [channel, , quality] = r.weighted(CHANNELS.map((c) => [c, c[1]] as const))
  let customer: CustomerState | undefined
  if (r.chance(sim.options.existingCustomerLeadShare)) customer = pickActiveCustomer(sim, createdMs)
  let account: string
  let segment: Segment
  let icp: boolean
  if (customer) {
    account = customer.name
    ;({ segment, icp } = customer)
  } else {
    // Some leads come from an organisation already seen as a lead (a second contact, a retry a year later).
    const index = sim.accounts > 0 && r.chance(0.12) ? r.int(0, sim.accounts - 1) : sim.accounts++
    account = companyName(index)
    ;({ segment, icp } = accountProfile(sim.options.seed, index))
  }
  // Existing customers' leads go to their account manager; new ones round the whole sales floor.
  const rep = (customer && sim.repById.get(customer.ownerId)) || r.pick(sim.reps)

  const stage = (from: number, medianDays: number, sigma: number): number =>
    toOfficeHours(sim, from + r.logNormal(medianDays, sigma) * DAY_MS)
  const mqlMs = r.chance(clamp(MQL_RATE * quality * (customer ? 1.3 : 1), 0, 0.95))
    ? createdMs + r.logNormal(3, 0.8) * DAY_MS // marketing automation scores leads at any hour
    : null
  const sqlMs = mqlMs !== null && r.chance(SQL_RATE * (icp ? 1.15 : 0.85)) ? stage(mqlMs, 6, 0.7) : null
  const opportunityMs = sqlMs !== null && r.chance(OPPORTUNITY_RATE) ? stage(sqlMs, 5, 0.6) : null
  const lastMs = opportunityMs ?? sqlMs ?? mqlMs ?? createdMs
  const dropChance = opportunityMs !== null ? 0 : sqlMs !== null ? 0.9 : mqlMs !== null ? 0.75 : 0.55
  const disqualifiedMs = r.chance(dropChance) ? stage(lastMs, 12, 0.6) : null

  const now = sim.nowMs
  const seen = (ms: number | null): ms is number => ms !== null && ms <= now
  const mql = seen(mqlMs) ? mqlMs : null
  const sql = mql !== null && seen(sqlMs) ? sqlMs : null
  const opportunity = sql !== null && seen(opportunityMs) ? opportunityMs : null
  const disqualified = seen(disqualifiedMs) && lastMs <= now ? disqualifiedMs : null

  const id = sim.out.nextId('leads')
  let acquired: CustomerState | undefined
  if (opportunity !== null) {
    acquired = emitDeal(sim, {
      rep,
      type: customer ? (r.chance(0.55) ? 'UPSELL' : 'CROSS_SELL') : 'NEW_BUSINESS',
      segment,
      icp,
      createdMs: opportunity,
      customer,
      leadId: id,
      account,
    })
  }
  const lead: LeadRow = {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('lead', id),
    name: personName(r.int(0, 1680)),
    account,
    accountKey: accountKey(account),
    channel,
    ownerId: rep.id,
    teamId: rep.teamId,
    customerId: (customer ?? acquired)?.id ?? null,
    createdAt: new Date(createdMs),
    mqlAt: mql === null ? null : new Date(mql),
    sqlAt: sql === null ? null : new Date(sql),
    opportunityAt: opportunity === null ? null : new Date(opportunity),
    disqualifiedAt: disqualified === null ? null : new Date(disqualified),
  }
  sim.out.push('leads', lead)
  const orgStats = orgStatsFor(sim, createdMs)
  if (orgStats) orgStats.leads++
  if (sql !== null) {
    const stats = statsFor(sim, rep.id, sql)
    if (stats) stats.qualified++
  }

  // First response some hours after creation (faster for reps with more hustle), then follow-ups per step.
  const customerId = lead.customerId
  const responseMs = createdMs + (r.logNormal(3, 1) / rep.hustle) * HOUR_MS
  if (r.chance(0.92))
    emitActivity(sim, r.chance(0.6) ? 'CALL' : 'EMAIL', rep, toOfficeHours(sim, responseMs), id, null, customerId)
  if (mql !== null && r.chance(0.6)) emitActivity(sim, 'CALL', rep, stage(mql, 1, 0.5), id, null, customerId)
  if (mql === null && r.chance(0.25)) emitActivity(sim, 'EMAIL', rep, stage(createdMs, 7, 0.5), id, null, customerId)
  if (sql !== null) emitActivity(sim, 'MEETING', rep, toOfficeHours(sim, sql), id, null, customerId)
}

/**
 * The customer base the organisation already had when the history starts (won in the three years before), so
 * churn, retention and NRR have a denominator from the first month on. Their first deals predate the data set.
 */
export function emitInitialCustomers(sim: Sim, count: number): void {
  const r = sim.random
  const startMs = sim.startDay * DAY_MS
  const recurring = sim.products.filter((p) => p.recurring)
  const acquired: number[] = []
  for (let i = 0; i < count; i++) acquired.push(startMs - (1 + r.next() * 3 * 365) * DAY_MS)
  acquired.sort((a, b) => a - b)
  for (const acquiredMs of acquired) {
    const index = sim.accounts++
    const { segment, icp } = accountProfile(sim.options.seed, index)
    // Customers with a long history are mostly the loyal ones: the others have churned before the data starts.
    const plan = {
      rep: r.pick(sim.reps),
      segment,
      icp: icp || r.chance(0.3),
      createdMs: acquiredMs,
      account: companyName(index),
    }
    const product = r.weighted(recurring.map((p) => [p, p.popularity] as const))
    acquireCustomer(sim, plan, acquiredMs, product)
  }
}
