import { DAY_MS, localInstant } from './calendar.ts'
import { externalId } from './deals.ts'
import { ORGANIZATION_ID } from './org.ts'
import type { CostCategoryValue, SurveyKindValue } from './rows.ts'
import { clamp, orgStatsFor, pickActiveCustomer } from './sim.ts'
import type { Sim } from './sim.ts'

const MANAGER_SALARY_CENTS = 8_600_00
const COST_PER_LEAD_CENTS = 95_00
const FIXED_COSTS_CENTS = 26_000_00

function emitCost(sim: Sim, category: CostCategoryValue, month: Date, teamId: number | null, cents: number): void {
  const stats = orgStatsFor(sim, month.getTime())
  if (stats && (category === 'SALES' || category === 'MARKETING')) stats.acquisitionCostCents += Math.round(cents)
  const id = sim.out.nextId('costs')
  sim.out.push('costs', {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('cost', id),
    category,
    month,
    teamId,
    amountCents: Math.round(cents),
  })
}

/**
 * Monthly costs: personnel and sales costs per team, marketing (scaling with the month's leads, with event
 * spend in March and October) and fixed costs (rent, software; indexed 3 % a year) for the organisation.
 * Personnel costs include the Dutch 8 % holiday allowance paid in May.
 */
export function emitMonthCosts(sim: Sim, monthIndexInHistory: number, monthStartDay: number, leads: number): void {
  const r = sim.random
  const month = new Date(monthStartDay * DAY_MS)
  const calendarMonth = month.getUTCMonth()
  const allowance = calendarMonth === 4 ? 1.08 : 1
  for (const team of sim.org.teamSetups) {
    const reps = sim.reps.filter((rep) => rep.teamId === team.id)
    const personnel = (MANAGER_SALARY_CENTS + reps.reduce((sum, rep) => sum + rep.salaryCents, 0)) * allowance
    emitCost(sim, 'PERSONNEL', month, team.id, personnel)
    emitCost(sim, 'SALES', month, team.id, reps.length * r.int(550, 950) * 100)
  }
  const events = calendarMonth === 2 || calendarMonth === 9 ? 18_000_00 : 0
  emitCost(sim, 'MARKETING', month, null, leads * COST_PER_LEAD_CENTS * (0.9 + 0.2 * r.next()) + events)
  emitCost(sim, 'FIXED', month, null, FIXED_COSTS_CENTS * 1.03 ** Math.floor(monthIndexInHistory / 12))
}

function emitSurvey(
  sim: Sim,
  kind: SurveyKindValue,
  score: number,
  respondedMs: number,
  customerId: number | null,
  teamId: number | null,
): void {
  if (respondedMs > sim.nowMs) return
  const id = sim.out.nextId('survey_responses')
  sim.out.push('survey_responses', {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('survey', id),
    kind,
    score,
    respondedAt: new Date(respondedMs),
    customerId,
    teamId,
  })
}

/**
 * Survey answers of a month: customer NPS from about 6 % of active customers (ideal-profile customers are happier),
 * and a monthly pulse (eNPS and the Q12 items) from team members, following each team's mood (a random walk) so
 * teams differ and drift.
 */
export function emitMonthSurveys(sim: Sim, monthStartDay: number, days: number, teamMood: Map<number, number>): void {
  const r = sim.random
  const startMs = monthStartDay * DAY_MS
  const expected = Math.round(sim.customers.length * 0.06)
  for (let i = 0; i < expected; i++) {
    const at = startMs + r.next() * days * DAY_MS
    const customer = pickActiveCustomer(sim, at)
    if (!customer) continue
    const mean = customer.icp ? 8.5 : 7
    emitSurvey(sim, 'NPS', clamp(Math.round(mean + r.normal() * 1.8), 0, 10), at, customer.id, null)
  }
  for (const team of sim.org.teamSetups) {
    // Mean-reverting, so a team has good and bad spells instead of drifting off to one extreme over the years.
    const mood = clamp(0.8 * (teamMood.get(team.id) ?? 0) + r.normal() * 0.2, -1, 1)
    teamMood.set(team.id, mood)
    const members = 1 + sim.reps.filter((rep) => rep.teamId === team.id).length
    for (let m = 0; m < members; m++) {
      // Internal surveys close on the 15th; anonymous, so only the team is stored.
      const at = localInstant(monthStartDay + Math.min(days - 1, r.int(8, 14)), 10 + r.next() * 6)
      if (r.chance(0.75)) {
        let sum = 0
        for (let q = 0; q < 12; q++) sum += clamp(Math.round(4 + mood * 0.6 + r.normal() * 0.8), 1, 5)
        emitSurvey(sim, 'Q12', Math.round((sum / 12) * 100) / 100, at, null, team.id)
      }
      if (r.chance(0.75)) {
        emitSurvey(sim, 'ENPS', clamp(Math.round(7.9 + mood * 1.5 + r.normal() * 1.5), 0, 10), at, null, team.id)
      }
    }
  }
}
