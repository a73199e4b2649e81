/**
 * The threshold bands each dashboard card carries for the gauge and the bullet graph, on a hand-built data set.
 *
 * March 2026 (Europe/Amsterdam), now = Monday 16 March 10:00 UTC, no holidays: 22 working days, 11 elapsed, so
 * a month's sum target pro-rates to half.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { DashboardSchema, type Dashboard } from '@kpi/contract/dashboard'
import { dashboard } from './dashboard.ts'

const march = { periodType: 'month' as const, date: '2026-03-10', now: '2026-03-16T10:00:00.000Z' }

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await db.pool.query(`
    INSERT INTO organizations (id, name, slug) VALUES (1, 'Bands', 'bands');
    INSERT INTO teams (id, organization_id, name) VALUES (1, 1, 'North');
    INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES
      (1, 1, 'anna@bands.test', 'Anna', 'REP', 1, 'x');
    INSERT INTO customers (id, organization_id, name, segment, owner_id) VALUES (1, 1, 'Acme', 'smb', 1);
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status,
                       amount, created_at, closed_at) VALUES
      (1, 'd1', 1, 1, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 5000, '2026-02-14T10:00Z', '2026-03-06T10:00Z');
    INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value) VALUES
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-03-01', 12000),
      (1, 'deals.cycle_days', 'ORGANIZATION', 'org', NULL, 'MONTH', '2026-03-01', 20);
    INSERT INTO thresholds (organization_id, kpi_key, scope_key, team_id, mode, green_from, orange_from) VALUES
      (1, 'revenue.won', 'org', NULL, 'RELATIVE', 100, 90),
      (1, 'deals.cycle_days', 'team:1', 1, 'ABSOLUTE', 30, 45);
    INSERT INTO focus_areas (id, organization_id, key, name_en, name_nl, rank) VALUES (1, 1, 'money', 'Money', 'Geld', 1);
    INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank) VALUES (1, 'revenue.won', 1), (1, 'deals.cycle_days', 2);
  `)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const card = (d: Dashboard, key: string) => d.focusAreas.flatMap((a) => a.kpis).find((k) => k.key === key)!

test('higher is better, relative: the bands sit at 100 % and 90 % of the pro-rated target', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 1 }, ...march })
  expect(DashboardSchema.parse(d)).toEqual(d)
  const revenue = card(d, 'revenue.won')
  expect(revenue.target).toMatchObject({ full: 12000, comparison: 6000 }) // 12000 × 11 ÷ 22
  expect(revenue.bands).toEqual({ greenFrom: 6000, orangeFrom: 5400 }) // 6000 × 1.0, 6000 × 0.9
  expect(revenue.status).toBe('red') // 5000 won is below the orange band's 5400
})

test('lower is better, absolute: the team override as stored, without a target', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 1 }, ...march })
  const cycle = card(d, 'deals.cycle_days')
  expect(cycle.target).toBeNull()
  expect(cycle.bands).toEqual({ greenFrom: 30, orangeFrom: 45 })
  expect(cycle.value).toEqual({ kind: 'value', value: 20 }) // 14 Feb → 6 March
  expect(cycle.status).toBe('green') // 20 ≤ 30
})

test('lower is better, relative (the KPI default 100 % / 80 %): target × 100 ÷ percent', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'org' }, ...march })
  const cycle = card(d, 'deals.cycle_days')
  expect(cycle.target).toMatchObject({ full: 20, comparison: 20 }) // a level KPI is not pro-rated
  expect(cycle.bands).toEqual({ greenFrom: 20, orangeFrom: 25 }) // 20 × 100 ÷ 100, 20 × 100 ÷ 80
})

test('no target and a relative threshold: no bands to draw', async () => {
  const d = await dashboard(db, { organizationId: 1, scope: { type: 'team', id: 1 }, ...march, periodType: 'quarter' })
  const revenue = card(d, 'revenue.won')
  expect(revenue.target).toBeNull()
  expect(revenue.bands).toBeNull()
})
