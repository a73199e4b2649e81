/**
 * Day and week targets derived from the month's by working days (issue 18), through dashboard().
 *
 * March 2026 (Europe/Amsterdam), holiday Friday 20 March: 22 weekdays − 1 = 21 working days.
 * Team North's March targets: won revenue 12 000 (a sum), win rate 40 % (a level); an explicit week target of
 * 3 000 for the week of Monday 9 March. now = Monday 16 March 10:00 UTC.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { dashboard } from './dashboard.ts'
import { DashboardSchema, type Dashboard } from '@kpi/contract/dashboard'

const now = '2026-03-16T10:00:00.000Z'
const north = { type: 'team' as const, id: 1 }

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await db.pool.query(`
    INSERT INTO organizations (id, name, slug, split_team_targets) VALUES (1, 'Hand', 'hand', TRUE);
    INSERT INTO holidays (organization_id, date, name) VALUES (1, '2026-03-20', 'Company day');
    INSERT INTO teams (id, organization_id, name) VALUES (1, 1, 'North');
    INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES
      (1, 1, 'anna@hand.test', 'Anna', 'REP', 1, 'x'), (2, 1, 'bram@hand.test', 'Bram', 'REP', 1, 'x');
    INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value) VALUES
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-03-01', 12000),
      (1, 'deals.win_rate', 'TEAM', 'team:1', 1, 'MONTH', '2026-03-01', 40),
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'WEEK', '2026-03-09', 3000);
    INSERT INTO focus_areas (id, organization_id, key, name_en, name_nl, rank) VALUES (1, 1, 'money', 'Money', 'Geld', 1);
    INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank) VALUES (1, 'revenue.won', 1), (1, 'deals.win_rate', 2);
  `)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const card = (d: Dashboard, key: string) => d.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === key)!
const march = [{ type: 'month', label: '2026-03', startDate: '2026-03-01' }]

test("a week without its own target takes its working days' share of the month's, marked as derived", async () => {
  const d = await dashboard(db, { organizationId: 1, scope: north, periodType: 'week', date: '2026-03-16', now })
  expect(DashboardSchema.parse(d)).toEqual(d)
  const revenue = card(d, 'revenue.won')
  // Week of 16 March: Mon 16 … Thu 19 = 4 working days (Friday 20 is the holiday); 12 000 × 4 ÷ 21
  expect(revenue.target!.full).toBeCloseTo((12000 * 4) / 21, 9) // 2285.71
  expect(revenue.target).toMatchObject({ source: 'own', derivedFrom: march })
  // The win rate is a level: the month's 40 % as is.
  expect(card(d, 'deals.win_rate').target).toMatchObject({ full: 40, source: 'own', derivedFrom: march })
  // The trend: week of 2 March 12 000 × 5 ÷ 21; week of 9 March its own 3 000; week of 23 Feb nothing (no
  // February target, and the week lies wholly in February).
  expect(revenue.trend.slice(-4).map((p) => p.target)).toEqual([null, (12000 * 5) / 21, 3000, revenue.target!.full])
})

test('an explicit week target wins and is not marked as derived', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: north, periodType: 'week', date: '2026-03-09', now })
  const revenue = card(d, 'revenue.won')
  expect(revenue.target).toMatchObject({ full: 3000, source: 'own' })
  expect(revenue.target!.derivedFrom).toBeUndefined()
})

test("a day takes one working day of the week's explicit target, a Saturday none", async () => {
  const monday = await dashboard(db, { organizationId: 1, scope: north, periodType: 'day', date: '2026-03-09', now })
  // The week of 9 March has 5 working days: 3 000 ÷ 5
  expect(card(monday, 'revenue.won').target).toMatchObject({
    full: 600,
    derivedFrom: [{ type: 'week', label: '2026-W11', startDate: '2026-03-09' }],
  })
  const today = await dashboard(db, { organizationId: 1, scope: north, periodType: 'day', date: '2026-03-16', now })
  expect(card(today, 'revenue.won').target!.full).toBeCloseTo(12000 / 21, 9) // no week target: the month's
  const saturday = await dashboard(db, { organizationId: 1, scope: north, periodType: 'day', date: '2026-03-14', now })
  expect(card(saturday, 'revenue.won').target).toBeNull()
})

test("a rep's week: their share of the team's derived target", async () => {
  const d = await dashboard(db, {
    organizationId: 1,
    scope: { type: 'rep', id: 1 },
    periodType: 'week',
    date: '2026-03-16',
    now,
  })
  const revenue = card(d, 'revenue.won')
  expect(revenue.target!.full).toBeCloseTo((12000 * 4) / 21 / 2, 9) // 2 members
  expect(revenue.target).toMatchObject({ source: 'team-split', derivedFrom: march })
})
