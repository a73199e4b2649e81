import type { KpiKey } from '@kpi/domain/kpis/keys'
import { DAY_MS, dayFromDate } from './calendar.ts'
import { externalId } from './deals.ts'
import { ORGANIZATION_ID } from './org.ts'
import type { PeriodTypeValue, ScopeTypeValue, TargetRow } from './rows.ts'
import type { OrgMonthStats, RepMonthStats, Sim } from './sim.ts'

/** Targets ask a little more than the average rep delivered that year, so stronger reps are green, weaker not. */
const STRETCH = 1.05

const REP_KPIS: readonly { key: KpiKey; stat: keyof RepMonthStats; unit: 'cents' | 'count' }[] = [
  { key: 'revenue.won', stat: 'wonCents', unit: 'cents' },
  { key: 'activity.calls', stat: 'calls', unit: 'count' },
  { key: 'activity.meetings', stat: 'meetings', unit: 'count' },
  { key: 'activity.proposals', stat: 'proposals', unit: 'count' },
  { key: 'leads.qualified', stat: 'qualified', unit: 'count' },
]

type OrgKpi = {
  key: KpiKey
  /** The monthly target from the base year's months. */
  monthly: (stats: OrgMonthStats[]) => number
  /** 'sum': a quarter's target is the sum of its months; 'level': the same value (a ratio does not add up). */
  accumulation: 'sum' | 'level'
}

const total = (stats: OrgMonthStats[], key: keyof OrgMonthStats): number => stats.reduce((s, m) => s + m[key], 0)
const perMonth = (stats: OrgMonthStats[], key: keyof OrgMonthStats): number =>
  total(stats, key) / Math.max(1, stats.length)

const ORG_KPIS: readonly OrgKpi[] = [
  { key: 'leads.new', accumulation: 'sum', monthly: (s) => roundTarget(perMonth(s, 'leads') * STRETCH, 'count') },
  {
    key: 'customers.new',
    accumulation: 'sum',
    monthly: (s) => roundTarget(perMonth(s, 'newCustomers') * STRETCH, 'count'),
  },
  {
    key: 'revenue.expansion',
    accumulation: 'sum',
    monthly: (s) => roundTarget(perMonth(s, 'expansionCents') * STRETCH, 'cents'),
  },
  {
    // Lower is better: the bar is 5 % cheaper than last year's cost per new customer, in whole € 50s.
    key: 'efficiency.cac',
    accumulation: 'level',
    monthly: (s) =>
      Math.max(
        50,
        Math.round(total(s, 'acquisitionCostCents') / Math.max(1, total(s, 'newCustomers')) / STRETCH / 5000) * 50,
      ),
  },
]

/** Money targets are whole € 500s (in euros, the target's unit); counts at least 1. */
function roundTarget(value: number, unit: 'cents' | 'count'): number {
  return unit === 'cents' ? Math.max(500, Math.round(value / 100 / 500) * 500) : Math.max(1, Math.round(value))
}

interface Scope {
  scopeType: ScopeTypeValue
  scopeKey: string
  teamId: number | null
  userId: number | null
}

/**
 * Monthly targets per rep (won revenue, calls, meetings, proposals, qualified leads) from the year's average rep
 * month × STRETCH, summed into teams and the organisation; organisation targets for new leads, new customers and
 * expansion revenue; quarter and year targets as sums of their months. Months run from the start of history to
 * the end of the current year, so the running quarter and year have complete targets.
 */
export function emitTargets(sim: Sim): void {
  const months = sim.options.months
  // The running month is partial: averages come from complete months (fall back to it only if it is all we have).
  const complete = months > 1 ? months - 1 : months
  const yearOf = (m: number): number => Math.floor((sim.startMonthAbs + m) / 12)
  const lastYear = yearOf(months - 1)
  const monthsOfYear = (year: number): number[] =>
    Array.from({ length: complete }, (_, m) => m).filter((m) => yearOf(m) === year)
  const baseYear = (year: number): number => (monthsOfYear(year).length > 0 ? year : year - 1)

  // Every rep gets the same target: the average rep is the bar, so skill differences show up as colours.
  const repMonthly = (kpi: (typeof REP_KPIS)[number], year: number): number => {
    const ms = monthsOfYear(baseYear(year))
    let sum = 0
    for (const rep of sim.reps) for (const m of ms) sum += sim.repStats.get(rep.id)?.[m]?.[kpi.stat] ?? 0
    return roundTarget((sum / Math.max(1, ms.length * sim.reps.length)) * STRETCH, kpi.unit)
  }
  const orgMonthly = (kpi: OrgKpi, year: number): number =>
    kpi.monthly(monthsOfYear(baseYear(year)).flatMap((m) => sim.orgStats[m] ?? []))

  const firstAbs = sim.startMonthAbs
  const lastAbs = lastYear * 12 + 11
  const emitSeries = (
    key: KpiKey,
    scope: Scope,
    monthValue: (year: number) => number,
    accumulation: 'sum' | 'level' = 'sum',
  ): void => {
    const byMonth = new Map<number, number>()
    for (let abs = firstAbs; abs <= lastAbs; abs++) byMonth.set(abs, monthValue(Math.floor(abs / 12)))
    const sum = (from: number, length: number): number | undefined => {
      let total = 0
      for (let abs = from; abs < from + length; abs++) {
        const v = byMonth.get(abs)
        if (v === undefined) return undefined // a period that starts before the history has no target
        total += v
      }
      return accumulation === 'sum' ? total : byMonth.get(from)
    }
    for (let abs = firstAbs; abs <= lastAbs; abs++) {
      push(sim, key, scope, 'MONTH', abs, byMonth.get(abs) ?? 0)
      if (abs % 3 === 0) {
        const q = sum(abs, 3)
        if (q !== undefined) push(sim, key, scope, 'QUARTER', abs, q)
      }
      if (abs % 12 === 0) {
        const y = sum(abs, 12)
        if (y !== undefined) push(sim, key, scope, 'YEAR', abs, y)
      }
    }
  }

  for (const kpi of REP_KPIS) {
    const memo = new Map<number, number>()
    const perRep = (year: number): number => memo.get(year) ?? memo.set(year, repMonthly(kpi, year)).get(year) ?? 0
    for (const team of sim.org.teamSetups) {
      for (const repId of team.repIds) {
        emitSeries(kpi.key, { scopeType: 'REP', scopeKey: `rep:${repId}`, teamId: null, userId: repId }, perRep)
      }
      const teamScope: Scope = { scopeType: 'TEAM', scopeKey: `team:${team.id}`, teamId: team.id, userId: null }
      emitSeries(kpi.key, teamScope, (year) => perRep(year) * team.repIds.length)
    }
    emitSeries(kpi.key, ORG_SCOPE, (year) => perRep(year) * sim.reps.length)
  }
  for (const kpi of ORG_KPIS) {
    const memo = new Map<number, number>()
    const value = (year: number): number => memo.get(year) ?? memo.set(year, orgMonthly(kpi, year)).get(year) ?? 0
    emitSeries(kpi.key, ORG_SCOPE, value, kpi.accumulation)
  }
}

const ORG_SCOPE: Scope = { scopeType: 'ORGANIZATION', scopeKey: 'org', teamId: null, userId: null }

function push(sim: Sim, kpiKey: KpiKey, scope: Scope, periodType: PeriodTypeValue, abs: number, value: number): void {
  const id = sim.out.nextId('targets')
  const row: TargetRow = {
    id,
    organizationId: ORGANIZATION_ID,
    externalId: externalId('target', id),
    kpiKey,
    ...scope,
    customerId: null,
    periodType,
    periodStart: new Date(dayFromDate(Math.floor(abs / 12), abs % 12, 1) * DAY_MS),
    value,
  }
  sim.out.push('targets', row)
}
