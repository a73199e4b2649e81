/**
 * dashboard() and kpiDetail() on a small hand-built data set with hand-computed expectations.
 *
 * March 2026 (Europe/Amsterdam), now = Monday 16 March 10:00 UTC, holiday Friday 20 March:
 *   working days in March: 22 weekdays − 1 holiday = 21; elapsed (1 … 16 March, today included) = 11;
 *   remaining (16 … 31 March, today included, without the 20th) = 11.
 * Won in March: Anna (North) 4000 + Bram (North) 2000, Cees (South) 9000; Bram lost one deal.
 * Organisation 2 has a 100 000 deal in March owned by *our* Anna and booked on *our* team North.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { dashboard, kpiDetail } from './dashboard.ts'
import { DashboardSchema, KpiDetailSchema, type Dashboard } from '@kpi/contract/dashboard'

const now = '2026-03-16T10:00:00.000Z'
const march = { periodType: 'month' as const, date: '2026-03-10', now }

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await db.pool.query(`
    INSERT INTO organizations (id, name, slug, split_team_targets) VALUES (1, 'Hand', 'hand', TRUE), (2, 'Other', 'other', FALSE);
    INSERT INTO holidays (organization_id, date, name) VALUES (1, '2026-03-20', 'Company day');
    INSERT INTO teams (id, organization_id, name) VALUES (1, 1, 'North'), (2, 1, 'South'), (3, 2, 'Elsewhere');
    INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES
      (1, 1, 'anna@hand.test', 'Anna', 'REP', 1, 'x'), (2, 1, 'bram@hand.test', 'Bram', 'REP', 1, 'x'),
      (3, 1, 'cees@hand.test', 'Cees', 'REP', 2, 'x'), (4, 2, 'dirk@other.test', 'Dirk', 'REP', 3, 'x');
    INSERT INTO customers (id, organization_id, name, segment, owner_id) VALUES
      (1, 1, 'Acme', 'enterprise', 1), (2, 1, 'Globex', 'smb', 2), (3, 2, 'Theirs', 'smb', 4);
    INSERT INTO products (id, organization_id, name, category) VALUES (1, 1, 'Suite', 'software'), (2, 1, 'Training', 'services');
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, product_id, type, stage, probability, status,
                       amount, cost, created_at, closed_at) VALUES
      (1, 'd1', 1, 1, 1, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 4000, 1000, '2026-02-01T10:00Z', '2026-03-03T10:00Z'),
      (1, 'd2', 2, 1, 2, 2, 'UPSELL', 'won', 100, 'WON', 2000, 500, '2026-02-20T10:00Z', '2026-03-10T10:00Z'),
      (1, 'd3', 2, 1, 2, 1, 'NEW_BUSINESS', 'lost', 0, 'LOST', 1000, 0, '2026-02-20T10:00Z', '2026-03-11T10:00Z'),
      (1, 'd4', 3, 2, 1, 1, 'UPSELL', 'won', 100, 'WON', 9000, 0, '2026-02-01T10:00Z', '2026-03-05T10:00Z'),
      -- February: 1500 inside the like-for-like span (up to 16 Feb 11:00 local), 700 after it.
      (1, 'd6', 1, 1, 1, 1, 'UPSELL', 'won', 100, 'WON', 1500, 0, '2026-01-10T10:00Z', '2026-02-10T10:00Z'),
      (1, 'd7', 1, 1, 1, 1, 'UPSELL', 'won', 100, 'WON', 700, 0, '2026-01-10T10:00Z', '2026-02-20T10:00Z'),
      -- March 2025, inside the like-for-like span last year.
      (1, 'd8', 2, 1, 2, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 3000, 0, '2025-02-01T10:00Z', '2025-03-05T10:00Z'),
      (2, 'x1', 1, 1, 3, NULL, 'NEW_BUSINESS', 'won', 100, 'WON', 100000, 0, '2026-02-01T10:00Z', '2026-03-05T10:00Z');
    -- Open, expected to close on 25 March at 40 %: 2000 of weighted pipeline for North.
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount,
                       created_at, expected_close_at) VALUES
      (1, 'd9', 1, 1, 1, 'UPSELL', 'proposal', 40, 'OPEN', 5000, '2026-03-01T10:00Z', '2026-03-25T10:00Z');
    INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value) VALUES
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-03-01', 12000),
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-02-01', 10000),
      (1, 'revenue.won', 'TEAM', 'team:2', 2, 'MONTH', '2026-03-01', 30000),
      (2, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-03-01', 1);
    -- Red is written in both languages, orange in English only (a Dutch reader falls back to it).
    INSERT INTO thresholds (organization_id, kpi_key, scope_key, team_id, mode, green_from, orange_from, orange_actions,
                            red_actions, red_actions_nl) VALUES
      (1, 'revenue.won', 'org', NULL, 'RELATIVE', 100, 90, '{"Review the open pipeline"}', '{"Escalate to the sales director"}',
       '{"Schakel de salesdirecteur in"}'),
      (1, 'revenue.won', 'team:2', 2, 'RELATIVE', 50, 40, '{}', '{}', '{}');
    INSERT INTO focus_areas (id, organization_id, key, name_en, name_nl, rank) VALUES
      (1, 1, 'calls', 'Calls', 'Belwerk', 2), (2, 1, 'money', 'Money', 'Geld', 1);
    INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank) VALUES
      (1, 'activity.calls', 1), (2, 'deals.win_rate', 2), (2, 'revenue.won', 1), (2, 'no.such_kpi', 3);
  `)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const card = (d: Dashboard, key: string) => {
  const found = d.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === key)
  if (!found) throw new Error(`${key} not on the dashboard`)
  return found
}

test('team North: revenue against a pro-rated target, orange with its action points, forecast, pace, comparisons', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 1 }, ...march })
  expect(DashboardSchema.parse(d)).toEqual(d)
  expect(d.workingDays).toEqual({ total: 21, elapsed: 11, remaining: 11 })
  // The stored layout, by rank; the unknown KPI key is ignored.
  expect(d.focusAreas.map((a) => [a.name, a.kpis.map((k) => k.key)])).toEqual([
    ['Money', ['revenue.won', 'deals.win_rate']],
    ['Calls', ['activity.calls']],
  ])
  const revenue = card(d, 'revenue.won')
  expect(revenue.value).toEqual({ kind: 'value', value: 6000 }) // 4000 + 2000
  expect(revenue.target!.full).toBe(12000)
  expect(revenue.target!.comparison).toBeCloseTo((12000 * 11) / 21, 9) // 6285.71…
  expect(revenue.target!.attainmentPercent).toBeCloseTo((6000 / ((12000 * 11) / 21)) * 100, 9) // 95.45 %
  expect(revenue.status).toBe('orange') // 90 ≤ 95.45 < 100
  expect(revenue.actions).toEqual(['Review the open pipeline'])
  expect(revenue.forecast).toEqual({ kind: 'value', value: (6000 / 11) * 21 }) // run-rate 11 454.55
  expect(revenue.target!.gapToFull).toBe(6000) // 12000 − 6000
  expect(revenue.target!.pacePerDay).toEqual({ kind: 'value', value: 6000 / 11 }) // 545.45 per remaining day
  expect(revenue.pipelineForecast).toBe(8000) // won 6000 + open 5000 × 40 % expected to close on 25 March
  expect(revenue.previous.value).toEqual({ kind: 'value', value: 1500 }) // February up to 16 Feb 11:00 local
  expect(revenue.previous.delta).toBe(4500)
  expect(revenue.lastYear.value).toEqual({ kind: 'value', value: 3000 })
  expect(revenue.lastYear.delta).toBe(3000)

  expect(revenue.trend).toHaveLength(12)
  expect(revenue.trend.map((p) => p.label)).toEqual([
    '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09',
    '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03',
  ]) // prettier-ignore
  expect(revenue.trend[10]).toMatchObject({ label: '2026-02', value: 2200, target: 10000 }) // 1500 + 700, whole month
  expect(revenue.trend[10]).toMatchObject({ running: false, throughDate: null, targetToDate: null })
  // March is running: its 6000 is so far (to Monday 16 March), against 12000 × 11 ÷ 21 working days = 6285.71…
  expect(revenue.trend[11]).toMatchObject({ value: 6000, target: 12000, running: true, throughDate: '2026-03-16' })
  expect(revenue.trend[11]!.targetToDate).toBeCloseTo((12000 * 11) / 21, 9)
  // A level KPI's target does not pro-rate: no target to date.
  expect(winRate(d).trend[11]).toMatchObject({ running: true, targetToDate: null })

  // Per rep: Anna 4000, Bram 2000; together the team's 6000.
  expect(revenue.breakdown).toEqual([
    { key: 'rep:1', name: 'Anna', value: { kind: 'value', value: 4000 } },
    { key: 'rep:2', name: 'Bram', value: { kind: 'value', value: 2000 } },
  ])
  const sum = revenue.breakdown!.reduce((s, r) => s + (r.value.kind === 'value' ? r.value.value : 0), 0)
  expect(sum).toBe((revenue.value as { value: number }).value)

  expect(winRate(d).value).toEqual({ kind: 'value', value: 200 / 3 }) // 2 won ÷ (2 won + 1 lost) × 100
  expect(winRate(d).status).toBe('no-target')
})

const winRate = (d: Dashboard) => card(d, 'deals.win_rate')

test('next month (April, seen on 16 March): every gauge not started, no action points; the trend ends at March so far', async () => {
  // 0 won against an April target of 15 000 would be red with "Escalate to the sales director".
  await db.pool.query(
    `INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value)
     VALUES (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-04-01', 15000)`,
  )
  const d = await dashboard(db, {
    organizationId: 1,
    scope: { type: 'team', id: 1 },
    periodType: 'month',
    date: '2026-04-10',
    now,
  })
  expect(DashboardSchema.parse(d)).toEqual(d)
  expect(d.running).toBe(false)
  const cards = d.focusAreas.flatMap((a) => a.kpis)
  expect(cards.map((k) => [k.key, k.status, k.actions])).toEqual([
    ['revenue.won', 'not-started', []],
    ['deals.win_rate', 'not-started', []],
    ['activity.calls', 'not-started', []],
  ])
  const revenue = card(d, 'revenue.won')
  expect(revenue.target?.full).toBe(15000) // the target is still shown: it is what the month will be judged by
  expect(revenue.trend.at(-1)).toMatchObject({ label: '2026-04', value: null, target: 15000, running: false })
  expect(revenue.trend.at(-2)).toMatchObject({
    label: '2026-03',
    value: 6000,
    running: true,
    throughDate: '2026-03-16',
  })
})

test('a finished period: the whole previous period, the full target, red with its action points', async () => {
  const d = await dashboard(db, {
    organizationId: 1,
    scope: { type: 'team', id: 1 },
    periodType: 'month',
    date: '2026-02-03',
    now,
  })
  expect(d.running).toBe(false)
  expect(d.workingDays).toEqual({ total: 20, elapsed: 20, remaining: 0 }) // 2 … 27 February
  const revenue = card(d, 'revenue.won')
  expect(revenue.value).toEqual({ kind: 'value', value: 2200 }) // 1500 + 700
  expect(revenue.target).toMatchObject({ full: 10000, comparison: 10000, attainmentPercent: 22, gapToFull: 7800 })
  expect(revenue.target!.pacePerDay).toEqual({ kind: 'none', reason: 'zero-denominator' }) // no day left
  expect(revenue.status).toBe('red') // 22 % < 90 %
  expect(revenue.actions).toEqual(['Escalate to the sales director'])
  expect(revenue.forecast).toEqual({ kind: 'value', value: 2200 }) // the period is over: the actual
  expect(revenue.previous).toMatchObject({ value: { kind: 'value', value: 0 }, delta: 2200 }) // all of January
  expect(revenue.previous.span.startDate).toBe('2026-01-01')
  expect(revenue.previous.span.endDate).toBe('2026-02-01')
})

test("action points in the reader's language, else the other one", async () => {
  const nl = { organizationId: 1, scope: { type: 'team' as const, id: 1 }, locale: 'nl' as const }
  const february = await dashboard(db, { ...nl, periodType: 'month', date: '2026-02-03', now })
  expect(card(february, 'revenue.won').status).toBe('red')
  expect(card(february, 'revenue.won').actions).toEqual(['Schakel de salesdirecteur in'])
  const march2026 = await dashboard(db, { ...nl, ...march })
  expect(card(march2026, 'revenue.won').status).toBe('orange')
  expect(card(march2026, 'revenue.won').actions).toEqual(['Review the open pipeline']) // no Dutch orange text
})

test('a quarter: 12 quarters of trend, no target set, so no colour', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 1 }, ...march, periodType: 'quarter' })
  const revenue = card(d, 'revenue.won')
  expect(revenue.value).toEqual({ kind: 'value', value: 8200 }) // February 2200 + March 6000
  expect(revenue.trend.map((p) => p.label).slice(-2)).toEqual(['2025-Q4', '2026-Q1'])
  expect(revenue.trend[0]!.label).toBe('2023-Q2')
  expect(revenue.target).toBeNull()
  expect(revenue.status).toBe('no-target')
})

test("team South: the team's threshold override wins over the organisation default", async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 2 }, ...march })
  const revenue = card(d, 'revenue.won')
  // 9000 ÷ (30000 × 11 ÷ 21) = 57.3 %: red by the org default (90 %), green by South's override (50 %).
  expect(revenue.target!.attainmentPercent).toBeCloseTo((9000 / ((30000 * 11) / 21)) * 100, 9)
  expect(revenue.status).toBe('green')
  expect(revenue.actions).toEqual([])
})

test("a rep without a target gets an equal share of the team's target when the organisation splits them", async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'rep', id: 1 }, ...march })
  const revenue = card(d, 'revenue.won')
  expect(revenue.value).toEqual({ kind: 'value', value: 4000 })
  expect(revenue.target).toMatchObject({ full: 6000, source: 'team-split' }) // 12000 ÷ 2 members
  // 4000 ÷ (6000 × 11 ÷ 21) = 127 % → green.
  expect(revenue.status).toBe('green')
  expect(revenue.breakdown).toBeUndefined()
})

test("the organisation's figures leave out another organisation's rows, even ones naming our users and team", async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'org' }, ...march })
  expect(card(d, 'revenue.won').value).toEqual({ kind: 'value', value: 15000 }) // 4000 + 2000 + 9000
  const team = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 1 }, ...march })
  expect(card(team, 'revenue.won').target!.full).toBe(12000) // not organisation 2's target of 1 for 'team:1'
})

test('an organisation without a stored layout gets the default focus areas, in Dutch when asked', async () => {
  const d = await dashboard(db, { organizationId: 2, scope: { type: 'org' }, ...march, locale: 'nl' })
  expect(d.focusAreas.map((a) => a.key)).toEqual([
    'lead-flow',
    'result',
    'sales-activity',
    'customer-retention',
    'team-motivation',
    'team-efficiency',
  ])
  expect(d.focusAreas[1]!.name).toBe('Resultaat')
  expect(card(d, 'revenue.won').value).toEqual({ kind: 'value', value: 100000 })
})

test("another organisation's team is not found", async () => {
  await expect(dashboard(db, { organizationId: 1, scope: { type: 'team', id: 3 }, ...march })).rejects.toMatchObject({
    statusCode: 404,
  })
})

test('KPI detail: revenue per rep, per customer segment and per product category', async () => {
  const detail = await kpiDetail(db, { organizationId: 1, scope: { type: 'org' }, key: 'revenue.won', ...march })
  expect(KpiDetailSchema.parse(detail)).toEqual(detail)
  expect(detail.kpi.trend).toHaveLength(12)
  expect(detail.byRep.map((r) => [r.name, r.value])).toEqual([
    ['Anna', { kind: 'value', value: 4000 }],
    ['Bram', { kind: 'value', value: 2000 }],
    ['Cees', { kind: 'value', value: 9000 }],
  ])
  // Acme (enterprise): d1 4000 + d4 9000; Globex (smb): d2 2000 (d3 was lost).
  expect(detail.bySegment.map((r) => [r.name, r.value])).toEqual([
    ['enterprise', { kind: 'value', value: 13000 }],
    ['smb', { kind: 'value', value: 2000 }],
  ])
  // Suite (software): d1 4000 + d4 9000; Training (services): d2 2000.
  expect(detail.byProductCategory.map((r) => [r.name, r.value])).toEqual([
    ['services', { kind: 'value', value: 2000 }],
    ['software', { kind: 'value', value: 13000 }],
  ])
})

test('the number of statements does not grow with the reps or the periods in view', async () => {
  const counted = (pool: TestDatabase['pool']) => {
    let statements = 0
    const proxy = new Proxy(pool, {
      get: (target, prop, receiver) =>
        prop === 'query'
          ? (...args: unknown[]) => {
              statements++
              return (target.query as (...a: unknown[]) => unknown).apply(target, args)
            }
          : Reflect.get(target, prop, receiver),
    })
    return { db: { pool: proxy }, count: () => statements }
  }
  const run = async (teamId: number, periodType: 'month' | 'year') => {
    const c = counted(db.pool)
    await dashboard(c.db, { organizationId: 1, scope: { type: 'team', id: teamId }, ...march, periodType })
    return c.count()
  }
  const twoReps = await run(1, 'month')
  // 12 trend months + 4 comparison spans, 3 groups, 2 reps: still one statement per group (plus settings).
  expect(twoReps).toBeLessThanOrEqual(12)
  expect(await run(2, 'month')).toBe(twoReps) // one rep
  expect(await run(1, 'year')).toBe(twoReps) // 12 years
})

test('KPI detail of revenue growth: like-for-like previous period, last year and year-to-date', async () => {
  const detail = await kpiDetail(db, {
    organizationId: 1,
    scope: { type: 'team', id: 1 },
    key: 'revenue.growth',
    ...march,
  })
  const growth = detail.kpi.value
  // vs February up to 16 Feb: (6000 − 1500) ÷ 1500 × 100 = 300 %.
  expect(growth).toMatchObject({ kind: 'value', value: 300 })
  expect(growth.details).toEqual([
    // vs March 2025 up to 16 March: (6000 − 3000) ÷ 3000 × 100 = 100 %.
    { key: 'vs-last-year', value: { kind: 'value', value: 100 } },
    // 1 Jan … 16 Mar 2026 = 2200 + 6000 = 8200 vs 1 Jan … 16 Mar 2025 = 3000: 5200 ÷ 3000 × 100.
    { key: 'ytd-vs-last-ytd', value: { kind: 'value', value: (5200 * 100) / 3000 } },
  ])
  expect(detail.byRep.map((r) => r.name)).toEqual(['Anna', 'Bram'])
})

test('the dashboard names its scope for the heading: null for the organisation, else the region, team or rep', async () => {
  // A region of organisation 1 without teams (it changes no other test's figures) and one of organisation 2.
  await db.pool.query(`INSERT INTO regions (id, organization_id, name) VALUES (1, 1, 'Benelux'), (2, 2, 'Theirs')`)
  const nameFor = async (scope: Parameters<typeof dashboard>[1]['scope']) =>
    (await dashboard(db, { organizationId: 1, scope, ...march })).scopeName
  expect(await nameFor({ type: 'org' })).toBeNull()
  expect(await nameFor({ type: 'region', id: 1 })).toBe('Benelux')
  expect(await nameFor({ type: 'team', id: 1 })).toBe('North')
  expect(await nameFor({ type: 'rep', id: 2 })).toBe('Bram')
  await expect(nameFor({ type: 'region', id: 2 })).rejects.toThrow('region 2 not found') // another organisation's
})
