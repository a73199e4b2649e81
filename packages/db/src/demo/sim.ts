import { DAY_MS, HOUR_MS, amsterdamOffsetMs, dayOf, isWeekend, localInstant } from './calendar.ts'
import type { DemoOptions } from './options.ts'
import type { OrgSetup, Product, Rep } from './org.ts'
import type { Random } from './random.ts'
import type { Segment } from './rows.ts'
import type { Sink } from './sink.ts'

/** What the simulation remembers about a customer after emitting its row. */
export interface CustomerState {
  id: number
  name: string
  ownerId: number
  segment: Segment
  icp: boolean
  acquiredMs: number
  /** When the customer leaves; may lie after "now" (then the row says not churned). Infinity: never. */
  churnMs: number
  primaryProductId: number
}

/** Per rep and month, the actuals targets are derived from. */
export interface RepMonthStats {
  wonCents: number
  calls: number
  meetings: number
  proposals: number
  qualified: number
}

/** Organisation-wide per month. */
export interface OrgMonthStats {
  leads: number
  newCustomers: number
  expansionCents: number
  /** Sales plus marketing costs, for the CAC target. */
  acquisitionCostCents: number
}

/** Shared state of one generation run. */
export interface Sim {
  options: DemoOptions
  random: Random
  nowMs: number
  startDay: number
  /** Year × 12 + month of the first month of history (UTC calendar). */
  startMonthAbs: number
  org: OrgSetup
  reps: Rep[]
  repById: Map<number, Rep>
  products: Product[]
  holidays: Set<number>
  out: Sink
  customers: CustomerState[]
  customersByRep: Map<number, CustomerState[]>
  /** Account indexes handed out so far (companyName(index) spells them). */
  accounts: number
  repStats: Map<number, RepMonthStats[]>
  orgStats: OrgMonthStats[]
}

export function isWorkingDay(sim: Sim, day: number): boolean {
  return !isWeekend(day) && !sim.holidays.has(day)
}

/** Month index (0 = first month of history) of an instant, or -1 outside the history. */
export function monthIndex(sim: Sim, ms: number): number {
  const d = new Date(ms)
  const index = d.getUTCFullYear() * 12 + d.getUTCMonth() - sim.startMonthAbs
  return index >= 0 && index < sim.options.months ? index : -1
}

/** A random moment within office hours (08:30–17:30 Amsterdam) on a day. */
export function officeMoment(sim: Sim, day: number): number {
  return localInstant(day, 8.5 + sim.random.next() * 9)
}

/**
 * The instant itself when it falls inside office hours on a working day, otherwise a moment early on the next
 * working day: reps do not call at 3 a.m. or on King's Day. Never moves backwards.
 */
export function toOfficeHours(sim: Sim, ms: number): number {
  const local = ms + amsterdamOffsetMs(ms)
  let day = dayOf(local)
  const hour = (local - day * DAY_MS) / HOUR_MS
  if (isWorkingDay(sim, day) && hour >= 8.5 && hour < 17.5) return ms
  if (hour >= 8.5) day++
  while (!isWorkingDay(sim, day)) day++
  return localInstant(day, 8.5 + sim.random.next() * 1.5)
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

export function statsFor(sim: Sim, repId: number, ms: number): RepMonthStats | undefined {
  const index = monthIndex(sim, ms)
  return index < 0 ? undefined : sim.repStats.get(repId)?.[index]
}

export function orgStatsFor(sim: Sim, ms: number): OrgMonthStats | undefined {
  const index = monthIndex(sim, ms)
  return index < 0 ? undefined : sim.orgStats[index]
}

/** A customer active at `ms`, found by rejection sampling (cheap even with 100 k customers), or undefined. */
export function pickActiveCustomer(sim: Sim, ms: number, pool = sim.customers): CustomerState | undefined {
  if (pool.length === 0) return undefined
  for (let attempt = 0; attempt < 6; attempt++) {
    const customer = sim.random.pick(pool)
    if (customer.acquiredMs <= ms && customer.churnMs > ms) return customer
  }
  return undefined
}
