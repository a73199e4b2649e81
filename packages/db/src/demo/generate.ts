import { emitAccountActivities, emitExpansionDeals } from './account-management.ts'
import { DAY_MS, SEASONALITY, dayFromDate, dayOf, isWeekend, localInstant } from './calendar.ts'
import { emitMonthCosts, emitMonthSurveys } from './costs-surveys.ts'
import { emitInitialCustomers, simulateLead } from './funnel.ts'
import type { DemoOptions } from './options.ts'
import { generateOrganization, historyStartDay } from './org.ts'
import { createRandom } from './random.ts'
import type { DemoBatch } from './rows.ts'
import { generateFocusAreas, generateThresholds } from './settings.ts'
import type { Sim } from './sim.ts'
import { Sink } from './sink.ts'
import { emitTargets } from './targets.ts'

/**
 * The whole demo data set as a stream of row batches in foreign-key order (see TABLE_ORDER), generated month by
 * month so memory stays bounded by about one batch per table plus the customers. Pure: the same options and
 * password hash give the same batches, row for row.
 */
export function* generateDemoData(options: DemoOptions, passwordHash: string): Generator<DemoBatch> {
  const root = createRandom(options.seed)
  const nowMs = options.today.getTime()
  const startDay = historyStartDay(options.today, options.months)
  const todayDay = dayOf(nowMs)
  const org = generateOrganization(
    root.fork('organization'),
    { startDay, endDay: todayDay, teams: options.teams, repsPerTeam: options.repsPerTeam },
    passwordHash,
  )
  const out = new Sink(options.batchSize)
  out.push('organizations', org.organization)
  for (const row of org.holidays) out.push('holidays', row)
  for (const row of org.teams) out.push('teams', row)
  for (const row of org.users) out.push('users', row)
  for (const row of org.products) out.push('products', row)
  for (const row of generateThresholds()) out.push('thresholds', row)
  const layout = generateFocusAreas()
  for (const row of layout.areas) out.push('focus_areas', row)
  for (const row of layout.kpis) out.push('focus_area_kpis', row)
  yield* out.drain()

  const start = new Date(startDay * DAY_MS)
  const sim: Sim = {
    options,
    random: root.fork('simulation'),
    nowMs,
    startDay,
    startMonthAbs: start.getUTCFullYear() * 12 + start.getUTCMonth(),
    org,
    reps: org.reps,
    repById: new Map(org.reps.map((rep) => [rep.id, rep])),
    products: org.productSetups,
    holidays: new Set(org.holidays.map((h) => dayOf(h.date.getTime()))),
    out,
    customers: [],
    customersByRep: new Map(),
    accounts: 0,
    repStats: new Map(
      org.reps.map((rep) => [
        rep.id,
        Array.from({ length: options.months }, () => ({
          wonCents: 0,
          calls: 0,
          meetings: 0,
          proposals: 0,
          qualified: 0,
        })),
      ]),
    ),
    orgStats: Array.from({ length: options.months }, () => ({
      leads: 0,
      newCustomers: 0,
      expansionCents: 0,
      acquisitionCostCents: 0,
    })),
  }
  const r = sim.random
  emitInitialCustomers(sim, options.initialCustomers)
  const teamMood = new Map<number, number>()

  for (let m = 0; m < options.months; m++) {
    const firstDay = dayFromDate(start.getUTCFullYear(), start.getUTCMonth() + m, 1)
    const nextMonthDay = dayFromDate(start.getUTCFullYear(), start.getUTCMonth() + m + 1, 1)
    const endDay = Math.min(nextMonthDay, todayDay + 1) // the running month stops today
    const calendarMonth = new Date(firstDay * DAY_MS).getUTCMonth()
    const growth = (1 + options.yearlyGrowth) ** ((m - (options.months - 1) / 2) / 12)
    const share = (endDay - firstDay) / (nextMonthDay - firstDay)
    const expected = options.leadsPerMonth * (SEASONALITY[calendarMonth] ?? 1) * growth * share
    const createdTimes: number[] = []
    for (let n = r.poisson(expected); n > 0; n--) {
      let day = r.int(firstDay, endDay - 1)
      // Fewer leads arrive at the weekend: re-draw most weekend days.
      if (isWeekend(day) && r.chance(0.7)) day = r.int(firstDay, endDay - 1)
      const hours = r.chance(0.7) ? 8.5 + r.next() * 9 : 7 + r.next() * 16
      const at = localInstant(day, hours)
      if (at <= nowMs) createdTimes.push(at)
    }
    createdTimes.sort((a, b) => a - b)
    for (const createdMs of createdTimes) {
      simulateLead(sim, createdMs)
      if (out.full) yield* out.drain()
    }
    emitExpansionDeals(sim, firstDay * DAY_MS, nextMonthDay * DAY_MS)
    if (out.full) yield* out.drain()
    emitAccountActivities(sim, firstDay, endDay)
    emitMonthSurveys(sim, firstDay, endDay - firstDay, teamMood)
    emitMonthCosts(sim, m, firstDay, createdTimes.length)
    if (out.full) yield* out.drain()
  }
  emitTargets(sim)
  yield* out.drain()
}
