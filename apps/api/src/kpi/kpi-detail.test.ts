/**
 * kpiDetail(): the leaderboard (each rep's target and status, and who may see which lines) and the lead KPIs per
 * channel, on a hand-built team with hand-computed expectations.
 *
 * March 2026 (Europe/Amsterdam), now = Monday 16 March 10:00 UTC, no holidays: 22 working days, 11 elapsed, so
 * a sum KPI's pro-rated target is half its full target. Threshold: green from 100 %, orange from 90 %.
 * Team North (split team targets on): revenue target 12 000 → 4 000 per rep of 3, except Bram's own 2 000.
 *   Anna won 3 000: 3 000 ÷ (4 000 ÷ 2) = 150 % → green
 *   Bram won   500:   500 ÷ (2 000 ÷ 2) =  50 % → red
 *   Cees won 1 900: 1 900 ÷ (4 000 ÷ 2) =  95 % → orange
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { kpiDetail } from './dashboard.ts'
import { KpiDetailSchema } from '@kpi/contract/dashboard'

const march = { organizationId: 1, periodType: 'month' as const, date: '2026-03-10', now: '2026-03-16T10:00:00.000Z' }
const north = { type: 'team' as const, id: 1 }

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await db.pool.query(`
    INSERT INTO organizations (id, name, slug, split_team_targets) VALUES (1, 'Hand', 'hand', TRUE);
    INSERT INTO teams (id, organization_id, name) VALUES (1, 1, 'North'), (2, 1, 'South');
    INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES
      (1, 1, 'anna@hand.test', 'Anna', 'REP', 1, 'x'), (2, 1, 'bram@hand.test', 'Bram', 'REP', 1, 'x'),
      (3, 1, 'cees@hand.test', 'Cees', 'REP', 1, 'x'), (4, 1, 'dora@hand.test', 'Dora', 'REP', 2, 'x');
    INSERT INTO deals (organization_id, name, owner_id, team_id, type, stage, probability, status, amount, created_at, closed_at)
    VALUES (1, 'a', 1, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 3000, '2026-02-01T10:00Z', '2026-03-03T10:00Z'),
           (1, 'b', 2, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 500, '2026-02-01T10:00Z', '2026-03-04T10:00Z'),
           (1, 'c', 3, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 1900, '2026-02-01T10:00Z', '2026-03-05T10:00Z');
    INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value) VALUES
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-03-01', 12000),
      (1, 'revenue.won', 'REP', 'rep:2', 1, 'MONTH', '2026-03-01', 2000);
    INSERT INTO thresholds (organization_id, kpi_key, scope_key, team_id, mode, green_from, orange_from)
    VALUES (1, 'revenue.won', 'org', NULL, 'RELATIVE', 100, 90);
    -- Leads of North (and one of South, one in April, which count nowhere below):
    INSERT INTO leads (organization_id, name, channel, owner_id, team_id, created_at, mql_at, sql_at, opportunity_at) VALUES
      (1, 'L1', 'web', 1, 1, '2026-03-02T10:00Z', '2026-03-03T10:00Z', '2026-03-04T10:00Z', '2026-03-05T10:00Z'),
      (1, 'L2', 'web', 1, 1, '2026-03-05T10:00Z', NULL, NULL, NULL),
      (1, 'L3', 'referral', 2, 1, '2026-03-06T10:00Z', '2026-03-07T10:00Z', NULL, NULL),
      (1, 'L4', 'referral', 2, 1, '2026-02-20T10:00Z', '2026-03-02T10:00Z', '2026-03-09T10:00Z', NULL),
      (1, 'L5', 'event', 3, 1, '2026-04-01T10:00Z', NULL, NULL, NULL),
      (1, 'L6', 'web', 4, 2, '2026-03-02T10:00Z', '2026-03-03T10:00Z', NULL, NULL);
  `)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const lines = (rows: { name: string; value: unknown; target?: unknown; status?: unknown }[]) =>
  rows.map((r) => [r.name, r.value, r.target, r.status])

describe('leaderboard', () => {
  test("each rep's value, own or split target and status (pro-rated: half the month's working days gone)", async () => {
    const detail = await kpiDetail(db, { ...march, scope: north, key: 'revenue.won' })
    expect(KpiDetailSchema.parse(detail)).toEqual(detail)
    expect(detail.scopeName).toBe('North')
    // 22 working days in March 2026; Monday 16 March has begun, so it counts as elapsed (2–6, 9–13, 16 = 11) and,
    // being still open for work, as remaining too (16–20, 23–27, 30, 31 = 12): the pace a rep reads includes today.
    expect(detail.workingDays).toEqual({ total: 22, elapsed: 11, remaining: 12 })
    expect(lines(detail.byRep)).toEqual([
      ['Anna', { kind: 'value', value: 3000 }, 4000, 'green'],
      ['Bram', { kind: 'value', value: 500 }, 2000, 'red'],
      ['Cees', { kind: 'value', value: 1900 }, 4000, 'orange'],
    ])
  })

  test("a week's leaderboard derives each rep's target from the month's by working days, as their card does", async () => {
    // Week Mon 2 – Sun 8 March 2026 (over by 16 March, so compared with full targets): 5 of March's 22 working days.
    //   team  12 000 × 5 ÷ 22 = 2 727.27…, split over 3 reps = 909.09… for Anna and Cees (no own target);
    //   Bram's own 2 000 × 5 ÷ 22 = 454.54… (not the team share): 500 ÷ 454.54… = 110 % → green (55 % of the share).
    const week = { ...march, periodType: 'week' as const, date: '2026-03-04' }
    const detail = await kpiDetail(db, { ...week, scope: north, key: 'revenue.won' })
    const share = (12000 * 5) / 22 / 3
    expect(lines(detail.byRep)).toEqual([
      ['Anna', { kind: 'value', value: 3000 }, expect.closeTo(share, 9), 'green'], // 330 %
      ['Bram', { kind: 'value', value: 500 }, expect.closeTo((2000 * 5) / 22, 9), 'green'],
      ['Cees', { kind: 'value', value: 1900 }, expect.closeTo(share, 9), 'green'], // 209 %
    ])
    const bram = await kpiDetail(db, { ...week, scope: { type: 'rep', id: 2 }, key: 'revenue.won' })
    expect(bram.kpi.target!.full).toBeCloseTo(detail.byRep[1]!.target!, 9) // the same number as on his own card
  })

  test('a rep sees only their own line until the organisation turns the team leaderboard on', async () => {
    const anna = { id: 1, role: 'rep' as const, organizationId: 1 }
    const manager = { id: 99, role: 'manager' as const, organizationId: 1 }
    const keys = async (viewer: typeof anna | typeof manager) =>
      (await kpiDetail(db, { ...march, scope: north, key: 'revenue.won', viewer })).byRep.map((r) => r.key)
    expect(await keys(anna)).toEqual(['rep:1'])
    expect(await keys(manager)).toEqual(['rep:1', 'rep:2', 'rep:3'])
    await db.pool.query('UPDATE organizations SET leaderboard_enabled = TRUE WHERE id = 1')
    try {
      expect(await keys(anna)).toEqual(['rep:1', 'rep:2', 'rep:3'])
    } finally {
      await db.pool.query('UPDATE organizations SET leaderboard_enabled = FALSE WHERE id = 1')
    }
  })
})

describe('per lead channel (North, March; L5 is April, L6 is South)', () => {
  test.each([
    // web: L1, L2 created; referral: L3 created (L4 was created in February).
    { key: 'leads.new', web: 2, referral: 1 },
    // sqlAt in March: web L1; referral L4.
    { key: 'leads.qualified', web: 1, referral: 1 },
    // MQL cohort of March: web L1 (became SQL) → 1 ÷ 1; referral L3 (not SQL), L4 (SQL) → 1 ÷ 2.
    { key: 'leads.mql_to_sql', web: 100, referral: 50 },
    // Created in March: web L1 (opportunity), L2 → 1 ÷ 2; referral L3 → 0 ÷ 1.
    { key: 'leads.lead_to_opportunity', web: 50, referral: 0 },
  ])('$key: web $web, referral $referral', async ({ key, web, referral }) => {
    const detail = await kpiDetail(db, { ...march, scope: north, key })
    expect(detail.byChannel).toEqual([
      { key: 'channel:referral', name: 'referral', value: { kind: 'value', value: referral } },
      { key: 'channel:web', name: 'web', value: { kind: 'value', value: web } },
    ])
  })

  test('one rep: only their leads; a KPI not about leads has no channels', async () => {
    const bram = await kpiDetail(db, { ...march, scope: { type: 'rep', id: 2 }, key: 'leads.new' })
    expect(bram.scopeName).toBe('Bram')
    expect(bram.byChannel).toEqual([{ key: 'channel:referral', name: 'referral', value: { kind: 'value', value: 1 } }])
    const revenue = await kpiDetail(db, { ...march, scope: north, key: 'revenue.won' })
    expect(revenue.byChannel).toEqual([])
  })
})
