import { DEFAULT_FOCUS_AREAS } from '@kpi/domain/focus-areas'
import { KPIS } from '@kpi/domain/kpis/registry'
import type { KpiKey } from '@kpi/domain/kpis/keys'
import { validateThreshold } from '@kpi/domain/thresholds'
import { describe, expect, test } from 'vitest'
import { DEMO_ACCOUNTS } from './accounts.ts'
import { amsterdamOffsetMs } from './calendar.ts'
import { TEST_TODAY, byTable, collectBatches, demoOptions } from './demo-fixture.ts'

const t = byTable(collectBatches(demoOptions()))
const now = TEST_TODAY.getTime()
const ms = (d: Date | null | undefined): number => d?.getTime() ?? Number.NaN
const share = (part: number, whole: number): number => part / whole

describe('demo funnel sanity', () => {
  test('no timestamp lies after "now", except expected close dates of open deals', () => {
    for (const l of t.leads)
      for (const d of [l.createdAt, l.mqlAt, l.sqlAt, l.opportunityAt, l.disqualifiedAt]) {
        if (d) expect(ms(d)).toBeLessThanOrEqual(now)
      }
    for (const d of t.deals) {
      expect(ms(d.createdAt)).toBeLessThanOrEqual(now)
      if (d.closedAt) expect(ms(d.closedAt)).toBeLessThanOrEqual(now)
      if (d.status !== 'OPEN') expect(ms(d.expectedCloseAt)).toBeLessThanOrEqual(now)
    }
    for (const a of t.activities) expect(ms(a.occurredAt)).toBeLessThanOrEqual(now)
    for (const c of t.customers) {
      expect(ms(c.acquiredAt)).toBeLessThanOrEqual(now)
      if (c.churnedAt) expect(ms(c.churnedAt)).toBeLessThanOrEqual(now)
    }
    for (const s of t.survey_responses) expect(ms(s.respondedAt)).toBeLessThanOrEqual(now)
    expect(t.deals.some((d) => d.status === 'OPEN' && ms(d.expectedCloseAt) > now)).toBe(true)
  })

  test('lead steps are in order: created ≤ MQL ≤ SQL ≤ opportunity, and no step without the one before', () => {
    for (const l of t.leads) {
      if (l.mqlAt) expect(ms(l.mqlAt)).toBeGreaterThanOrEqual(ms(l.createdAt))
      if (l.sqlAt) expect(ms(l.sqlAt)).toBeGreaterThanOrEqual(ms(l.mqlAt))
      if (l.opportunityAt) expect(ms(l.opportunityAt)).toBeGreaterThanOrEqual(ms(l.sqlAt))
      if (l.disqualifiedAt) {
        expect(l.opportunityAt).toBeNull()
        expect(ms(l.disqualifiedAt)).toBeGreaterThanOrEqual(ms(l.sqlAt ?? l.mqlAt ?? l.createdAt))
      }
    }
  })

  test('no deal closes before it was created; a deal from a lead starts at the opportunity', () => {
    const leads = new Map(t.leads.map((l) => [l.id, l]))
    for (const d of t.deals) {
      if (d.status === 'OPEN') expect(d.closedAt).toBeNull()
      else expect(ms(d.closedAt)).toBeGreaterThanOrEqual(ms(d.createdAt))
      if (d.leadId !== null) {
        const lead = leads.get(d.leadId)
        expect(ms(lead?.createdAt)).toBeLessThanOrEqual(ms(d.createdAt))
        expect(ms(lead?.opportunityAt)).toBe(ms(d.createdAt))
      }
    }
  })

  test('stages and probabilities match the status', () => {
    const stages = new Map([
      ['qualification', 10],
      ['discovery', 25],
      ['proposal', 50],
      ['negotiation', 75],
    ])
    for (const d of t.deals) {
      if (d.status === 'WON') expect([d.stage, d.probability]).toEqual(['closed-won', 100])
      if (d.status === 'LOST') expect([d.stage, d.probability]).toEqual(['closed-lost', 0])
      if (d.status === 'OPEN') expect(stages.get(d.stage)).toBe(d.probability)
    }
  })

  test('conversion rates are plausible (leads old enough to have run through the funnel)', () => {
    const old = t.leads.filter((l) => ms(l.createdAt) < Date.UTC(2026, 6, 1))
    const mql = old.filter((l) => l.mqlAt)
    const sql = mql.filter((l) => l.sqlAt)
    const opportunity = sql.filter((l) => l.opportunityAt)
    expect(share(mql.length, old.length)).toBeGreaterThan(0.38) // ~45 %
    expect(share(mql.length, old.length)).toBeLessThan(0.55)
    expect(share(sql.length, mql.length)).toBeGreaterThan(0.42) // ~50 %
    expect(share(sql.length, mql.length)).toBeLessThan(0.6)
    expect(share(opportunity.length, sql.length)).toBeGreaterThan(0.6) // ~70 %
    expect(share(opportunity.length, sql.length)).toBeLessThan(0.8)
    const newBusiness = t.deals.filter((d) => d.type === 'NEW_BUSINESS')
    const won = newBusiness.filter((d) => d.status === 'WON').length
    const lost = newBusiness.filter((d) => d.status === 'LOST').length
    expect(share(won, won + lost)).toBeGreaterThan(0.15) // ~30 %
    expect(share(won, won + lost)).toBeLessThan(0.45)
  })

  test('amounts are whole cents, cost 40–70 % of the amount', () => {
    for (const d of t.deals) {
      expect(Number.isInteger(d.amountCents)).toBe(true)
      expect(d.amountCents).toBeGreaterThan(0)
      expect(d.costCents).toBeGreaterThanOrEqual(Math.floor(d.amountCents * 0.4))
      expect(d.costCents).toBeLessThanOrEqual(Math.ceil(d.amountCents * 0.7))
    }
  })

  test('upsell, cross-sell and renewal only for existing customers; new business creates the customer', () => {
    const customers = new Map(t.customers.map((c) => [c.id, c]))
    for (const d of t.deals.filter((deal) => deal.type !== 'NEW_BUSINESS')) {
      const customer = customers.get(d.customerId ?? -1)
      expect(customer, `deal ${d.id}`).toBeDefined()
      expect(ms(customer?.acquiredAt)).toBeLessThanOrEqual(ms(d.createdAt))
    }
    const firstWins = new Map<number, number>()
    for (const d of t.deals) {
      if (d.type === 'NEW_BUSINESS' && d.status === 'WON') firstWins.set(d.customerId ?? -1, ms(d.closedAt))
      if (d.type === 'NEW_BUSINESS' && d.status !== 'WON') expect(d.customerId).toBeNull()
    }
    // Customers won inside the history are acquired exactly at their won new-business deal.
    for (const c of t.customers.filter((customer) => firstWins.has(customer.id))) {
      expect(ms(c.acquiredAt)).toBe(firstWins.get(c.id))
    }
    for (const c of t.customers) if (c.churnedAt) expect(ms(c.churnedAt)).toBeGreaterThan(ms(c.acquiredAt))
  })

  test('customers churn, those outside the ideal profile more often', () => {
    const rate = (icp: boolean): number => {
      const group = t.customers.filter((c) => c.idealProfile === icp)
      return share(group.filter((c) => c.churnedAt).length, group.length)
    }
    expect(rate(false)).toBeGreaterThan(rate(true))
    expect(rate(true)).toBeGreaterThan(0)
  })

  test('team_id is the owner’s team on leads, deals and activities', () => {
    const teamOf = new Map(t.users.map((u) => [u.id, u.teamId]))
    for (const l of t.leads) expect(l.teamId).toBe(teamOf.get(l.ownerId))
    for (const d of t.deals) expect(d.teamId).toBe(teamOf.get(d.ownerId))
    for (const a of t.activities) expect(a.teamId).toBe(teamOf.get(a.userId))
  })

  test('activities happen in office hours on working days, the first one on a lead after its creation', () => {
    const holidays = new Set(t.holidays.map((h) => h.date.toISOString().slice(0, 10)))
    for (const a of t.activities) {
      const local = new Date(ms(a.occurredAt) + amsterdamOffsetMs(ms(a.occurredAt)))
      const hour = local.getUTCHours() + local.getUTCMinutes() / 60
      expect(hour).toBeGreaterThanOrEqual(8.5)
      expect(hour).toBeLessThan(17.5)
      expect([0, 6]).not.toContain(local.getUTCDay())
      expect(holidays.has(local.toISOString().slice(0, 10))).toBe(false)
    }
    const created = new Map(t.leads.map((l) => [l.id, ms(l.createdAt)]))
    for (const a of t.activities)
      if (a.leadId !== null) expect(ms(a.occurredAt)).toBeGreaterThan(created.get(a.leadId) ?? 0)
  })

  test('seasonality: August and December are quieter than September and October', () => {
    const leadsIn = (year: number, month: number): number =>
      t.leads.filter((l) => l.createdAt.getUTCFullYear() === year && l.createdAt.getUTCMonth() === month).length
    expect(leadsIn(2025, 7)).toBeLessThan(leadsIn(2025, 8)) // Aug < Sep
    expect(leadsIn(2025, 11)).toBeLessThan(leadsIn(2025, 9)) // Dec < Oct
  })
})

describe('demo organisation, settings and targets', () => {
  test('the three demo accounts: the manager manages North, the rep sits in North, the admin in no team', () => {
    const byEmail = new Map(t.users.map((u) => [u.email, u]))
    for (const account of DEMO_ACCOUNTS) expect(byEmail.get(account.email)?.role).toBe(account.role)
    const north = t.teams.find((team) => team.name === 'North')
    expect(north?.managerId).toBe(byEmail.get('manager@example.com')?.id)
    expect(byEmail.get('rep@example.com')?.teamId).toBe(north?.id)
    expect(byEmail.get('admin@example.com')?.teamId).toBeNull()
    expect(new Set(t.users.map((u) => u.email)).size).toBe(t.users.length)
  })

  test('organisation settings: Amsterdam, EUR, fiscal year from January, Dutch holidays for every year', () => {
    expect(t.organizations).toEqual([
      expect.objectContaining({ timeZone: 'Europe/Amsterdam', currency: 'EUR', fiscalYearStartMonth: 1 }),
    ])
    const years = new Set(t.holidays.map((h) => h.date.getUTCFullYear()))
    expect([...years]).toEqual([2024, 2025, 2026, 2027])
    expect(t.holidays.filter((h) => h.name === "King's Day").map((h) => h.date.toISOString().slice(0, 10))).toContain(
      '2025-04-26',
    )
  })

  test('focus areas are the default layout of SPEC section 2', () => {
    const layout = t.focus_areas.map((area) => ({
      key: area.key,
      rank: area.rank,
      kpiKeys: t.focus_area_kpis
        .filter((k) => k.focusAreaId === area.id)
        .sort((a, b) => a.rank - b.rank)
        .map((k) => k.kpiKey),
    }))
    expect(layout).toEqual(DEFAULT_FOCUS_AREAS.map(({ key, rank, kpiKeys }) => ({ key, rank, kpiKeys })))
  })

  test('every threshold is valid for its KPI’s direction; churn is absolute ≤ 2 % green, ≤ 5 % orange', () => {
    for (const row of t.thresholds) {
      const setting = {
        mode: row.mode === 'RELATIVE' ? ('relative' as const) : ('absolute' as const),
        greenFrom: row.greenFrom,
        orangeFrom: row.orangeFrom,
        actions: { green: row.greenActions, orange: row.orangeActions, red: row.redActions },
      }
      expect(validateThreshold(setting, KPIS[row.kpiKey as KpiKey].direction), row.kpiKey).toEqual([])
      expect(row.redActions.length, row.kpiKey).toBeGreaterThan(0)
    }
    expect(t.thresholds.find((row) => row.kpiKey === 'customers.churn_rate')).toMatchObject({
      mode: 'ABSOLUTE',
      greenFrom: 2,
      orangeFrom: 5,
    })
    expect(t.thresholds.find((row) => row.kpiKey === 'revenue.won')).toMatchObject({
      mode: 'RELATIVE',
      greenFrom: 100,
      orangeFrom: 85,
    })
  })

  test('targets: quarter = sum of its months; org = sum of teams; unique per KPI, scope and period', () => {
    const key = (r: (typeof t.targets)[number]): string =>
      `${r.kpiKey}|${r.scopeKey}|${r.periodType}|${r.periodStart.toISOString()}`
    expect(new Set(t.targets.map(key)).size).toBe(t.targets.length)
    const value = (kpi: string, scope: string, type: string, start: string): number | undefined =>
      t.targets.find((r) => key(r) === `${kpi}|${scope}|${type}|${start}T00:00:00.000Z`)?.value
    const months = ['2026-10-01', '2026-11-01', '2026-12-01'].map(
      (m) => value('activity.calls', 'rep:3', 'MONTH', m) ?? 0,
    )
    expect(value('activity.calls', 'rep:3', 'QUARTER', '2026-10-01')).toBe(months[0]! + months[1]! + months[2]!)
    const teams = t.teams.map((team) => value('revenue.won', `team:${team.id}`, 'MONTH', '2026-11-01') ?? 0)
    expect(value('revenue.won', 'org', 'MONTH', '2026-11-01')).toBe(teams.reduce((a, b) => a + b, 0))
    // A ratio target is not summed: the quarter's CAC bar equals the months'.
    expect(value('efficiency.cac', 'org', 'QUARTER', '2026-10-01')).toBe(
      value('efficiency.cac', 'org', 'MONTH', '2026-10-01'),
    )
  })

  test('this month some reps are on pace for their won-revenue target and some are not', () => {
    // Pace on 25 Nov 2026: 18 of 20 working days have begun (Mon–Fri, no holidays in November).
    const start = Date.UTC(2026, 10, 1)
    const attainment = t.users
      .filter((u) => u.role === 'REP')
      .map((rep) => {
        const won = t.deals
          .filter((d) => d.ownerId === rep.id && d.status === 'WON' && ms(d.closedAt) >= start)
          .reduce((sum, d) => sum + d.amountCents / 100, 0)
        const target = t.targets.find(
          (r) =>
            r.scopeKey === `rep:${rep.id}` &&
            r.kpiKey === 'revenue.won' &&
            r.periodType === 'MONTH' &&
            ms(r.periodStart) === start,
        )?.value
        return won / (((target ?? Number.NaN) * 18) / 20)
      })
    expect(attainment.some((a) => a >= 1)).toBe(true) // green
    expect(attainment.some((a) => a < 0.85)).toBe(true) // orange or red
  })
})
