/**
 * buildDigest on a small hand-built organisation, checked against the dashboard answer for the same scope, period
 * and moment, with hand-computed figures.
 *
 * December 2026 (Europe/Amsterdam), now = Friday 4 December 08:00 local (07:00 UTC), holiday Friday 25 December:
 *   weekdays in December: 4 (1–4) + 5 + 5 + 5 + 4 (28–31) = 23, minus the holiday = 22 working days;
 *   remaining (4 … 31 December, today included, without the 25th) = 22 − 3 = 19.
 * Team North: Anna won 3000 (2 Dec), Bram won 1500 (3 Dec) and lost one → won revenue 4500 of the team's 10000
 *   (progress 0.45; pro-rated 10000 × 4 ÷ 22 = 1818.18, 247 % ≥ 100 → green); meetings: one each, 2 of 20
 *   (pro-rated 20 × 4 ÷ 22 = 3.64, 55 % < 80 → red). Anna's own revenue target 6000: 3000 short over 19 days.
 * Team South: Cees. Organisation 2 has nothing at all.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { Dashboard } from '@kpi/contract/dashboard'
import { formatKpiValue, formatNumber } from '@kpi/domain/format'
import type { FormatSpec, Unit } from '@kpi/domain/kpis/define-kpi'
import type { Scope } from '@kpi/domain/scope'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { dashboard } from '../kpi/dashboard.ts'
import { buildDigest, DigestScopeHiddenError, type DigestContent, type DigestRequest } from './content.ts'

const now = '2026-12-04T07:00:00.000Z'
const publicUrl = 'https://kpi.example.test'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await db.pool.query(`
    INSERT INTO organizations (id, name, slug) VALUES (1, 'Hand & Co', 'hand'), (2, 'Empty', 'empty');
    INSERT INTO holidays (organization_id, date, name) VALUES (1, '2026-12-25', 'Christmas');
    INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash) VALUES
      (1, 1, 'anna@hand.test', 'Anna', 'REP', NULL, 'x'), (2, 1, 'bram@hand.test', 'Bram', 'REP', NULL, 'x'),
      (3, 1, 'mia@hand.test', 'Mia', 'MANAGER', NULL, 'x'), (4, 1, 'ada@hand.test', 'Ada', 'ADMIN', NULL, 'x'),
      (5, 1, 'cees@hand.test', 'Cees', 'REP', NULL, 'x'), (6, 2, 'eva@empty.test', 'Eva', 'ADMIN', NULL, 'x');
    INSERT INTO teams (id, organization_id, name, manager_id) VALUES (1, 1, 'North', 3), (2, 1, 'South', NULL);
    UPDATE users SET team_id = 1 WHERE id IN (1, 2);
    UPDATE users SET team_id = 2 WHERE id = 5;
    INSERT INTO customers (id, organization_id, name, segment, owner_id) VALUES (1, 1, 'Acme', 'enterprise', 1);
    INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status,
                       amount, created_at, closed_at) VALUES
      (1, 'd1', 1, 1, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 3000, '2026-11-01T10:00Z', '2026-12-02T10:00Z'),
      (1, 'd2', 2, 1, 1, 'UPSELL', 'won', 100, 'WON', 1500, '2026-11-01T10:00Z', '2026-12-03T10:00Z'),
      (1, 'd3', 2, 1, 1, 'UPSELL', 'lost', 0, 'LOST', 900, '2026-11-01T10:00Z', '2026-12-03T11:00Z');
    INSERT INTO activities (organization_id, type, user_id, team_id, occurred_at) VALUES
      (1, 'MEETING', 1, 1, '2026-12-01T09:00Z'), (1, 'MEETING', 2, 1, '2026-12-02T09:00Z');
    INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, period_type, period_start, value) VALUES
      (1, 'revenue.won', 'TEAM', 'team:1', 1, 'MONTH', '2026-12-01', 10000),
      (1, 'activity.meetings', 'TEAM', 'team:1', 1, 'MONTH', '2026-12-01', 20),
      (1, 'revenue.won', 'REP', 'rep:1', 1, 'MONTH', '2026-12-01', 6000);
    INSERT INTO thresholds (organization_id, kpi_key, scope_key, team_id, mode, green_from, orange_from, orange_actions,
                            red_actions, red_actions_nl) VALUES
      (1, 'revenue.won', 'org', NULL, 'RELATIVE', 100, 80, '{}', '{}', '{}'),
      (1, 'activity.meetings', 'org', NULL, 'RELATIVE', 100, 80, '{}', '{}', '{}');
    INSERT INTO focus_areas (id, organization_id, key, name_en, name_nl, rank) VALUES
      (1, 1, 'results', 'Results', 'Resultaten', 1), (2, 1, 'effort', 'Effort', 'Inzet', 2);
    INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank) VALUES
      (1, 'revenue.won', 1), (1, 'deals.win_rate', 2), (2, 'activity.meetings', 1);
  `)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const team: Scope = { type: 'team', id: 1 }
const request = (overrides: Partial<DigestRequest>): DigestRequest => ({
  organizationId: 1,
  scope: team,
  periodType: 'month',
  now,
  locale: 'en',
  recipient: { id: 3, name: 'Mia', role: 'manager' },
  previousStatuses: {},
  publicUrl,
  frequency: 'weekly',
  ...overrides,
})
const kpiOf = (content: DigestContent, key: string) => {
  const found = content.areas.flatMap((area) => area.kpis).find((kpi) => kpi.key === key)
  if (!found) throw new Error(`${key} not in the digest`)
  return found
}

/** Every area and KPI in dashboard order, each figure formatted from the dashboard's own numbers, same status. */
async function expectSameAsDashboard(content: DigestContent, scope: Scope, locale: 'en' | 'nl') {
  const answer: Dashboard = await dashboard(db, {
    organizationId: 1,
    scope,
    periodType: 'month',
    date: '2026-12-04',
    now,
    locale,
  })
  expect(content.areas.map((area) => [area.name, area.kpis.map((kpi) => kpi.key)])).toEqual(
    answer.focusAreas.map((area) => [area.name, area.kpis.map((kpi) => kpi.key)]),
  )
  for (const card of answer.focusAreas.flatMap((area) => area.kpis)) {
    const spec = { unit: card.unit as Unit, format: card.format as FormatSpec }
    const kpi = kpiOf(content, card.key)
    expect(kpi.name).toBe(card.name)
    expect(kpi.value).toBe(card.value.kind === 'value' ? formatKpiValue(card.value, spec, locale, 'EUR') : null)
    expect(kpi.target).toBe(card.target ? formatNumber(card.target.full, spec.unit, spec.format, locale, 'EUR') : null)
    expect(kpi.status).toBe(card.status)
    expect(content.statuses[card.key]).toBe(card.status)
  }
  return answer
}

describe('a manager: their team North, weekly, in English', () => {
  test('the dashboard figures, hand-computed revenue and meetings, links and wording', async () => {
    const content = await buildDigest(db.pool, request({}))
    const answer = await expectSameAsDashboard(content, team, 'en')
    expect(answer.workingDays).toEqual({ total: 22, elapsed: 4, remaining: 19 })

    expect(content.subject).toBe('Your weekly digest: Team North — December 2026')
    expect(content.intro).toBe('Figures up to Friday 4 December 2026, 08:00 — 19 of 22 working days to go.')
    expect(content.scopeName).toBe('Team North')
    expect(content.organizationName).toBe('Hand & Co')
    expect(content.period).toEqual({
      type: 'month',
      label: 'December 2026',
      startDate: '2026-12-01',
      endDate: '2027-01-01',
    })
    expect(content.areas.map((area) => area.name)).toEqual(['Results', 'Effort'])

    expect(kpiOf(content, 'revenue.won')).toEqual({
      key: 'revenue.won',
      name: 'Won revenue',
      value: '€4,500', // 3000 + 1500
      target: '€10,000',
      status: 'green', // 4500 ÷ (10000 × 4 ÷ 22) = 247 % ≥ 100
      statusLabel: 'On track',
      statusSymbol: '✓',
      progress: 0.45, // 4500 ÷ 10000
      // 5500 over 19 days = 289.47 → €290 (rounded up)
      pace: 'For the team to reach €10,000: €290 more per working day (€5,500 still needed, 19 working days left).',
      changedFrom: null,
      url: `${publicUrl}/kpi/revenue.won?scope=team%3A1&period=month&date=2026-12-01`,
    })
    expect(kpiOf(content, 'activity.meetings')).toMatchObject({
      value: '2',
      target: '20',
      status: 'red', // 2 ÷ (20 × 4 ÷ 22) = 55 % < 80
      statusLabel: 'Critical',
      statusSymbol: '✕',
      progress: 0.1,
      // 18 meetings over 19 days: one today, then one every ⌊(19 − 1) ÷ (18 − 1)⌋ = 1 working day
      pace: 'For the team to reach 20: 1 more every working day (18 still needed, 19 working days left).',
    })
    // A level KPI without a target: no bar, no pace line.
    expect(kpiOf(content, 'deals.win_rate')).toMatchObject({ status: 'no-target', progress: null, pace: null })
    expect(kpiOf(content, 'deals.win_rate').value).toBe('66.7%') // 2 won ÷ (2 + 1 lost)

    expect(content.dashboardUrl).toBe(`${publicUrl}/?scope=team%3A1&period=month&date=2026-12-04`)
    expect(content.settingsUrl).toBe(`${publicUrl}/me/digest`)
    expect(content.footer).toContain('Hand & Co')
    expect(content.changes).toEqual([])
    expect(content.empty).toBe(false)
  })

  test('zone changes since the last digest: colours only, as alerts compare', async () => {
    const content = await buildDigest(
      db.pool,
      request({
        // revenue was orange (now green): a change; meetings red → red: none; win rate no-data → no-target: not a zone.
        previousStatuses: { 'revenue.won': 'orange', 'activity.meetings': 'red', 'deals.win_rate': 'no-data' },
      }),
    )
    expect(content.changes.map((kpi) => [kpi.key, kpi.changedFrom])).toEqual([
      ['revenue.won', { status: 'orange', label: 'Needs attention' }],
    ])
    expect(kpiOf(content, 'activity.meetings').changedFrom).toBeNull()
    expect(kpiOf(content, 'deals.win_rate').changedFrom).toBeNull()
  })
})

describe('a rep', () => {
  test('their own figures in Dutch: "you" pace line, Dutch money, labels and subject', async () => {
    const anna = { id: 1, name: 'Anna', role: 'rep' as const }
    const scope: Scope = { type: 'rep', id: 1 }
    const content = await buildDigest(db.pool, request({ scope, recipient: anna, locale: 'nl' }))
    await expectSameAsDashboard(content, scope, 'nl')
    expect(content.subject).toBe('Je wekelijkse overzicht: Anna — december 2026')
    expect(content.intro).toBe('Cijfers tot vrijdag 4 december 2026, 08:00 — nog 19 van de 22 werkdagen te gaan.')
    expect(kpiOf(content, 'revenue.won')).toMatchObject({
      name: 'Gewonnen omzet',
      value: '€\u00a03.000',
      target: '€\u00a06.000',
      status: 'green', // 3000 ÷ (6000 × 4 ÷ 22) = 275 %
      statusLabel: 'Op koers',
      progress: 0.5,
      // 3000 over 19 days = 157.89 → € 158
      pace: 'Om €\u00a06.000 te halen: €\u00a0158 extra per werkdag (nog €\u00a03.000 nodig, 19 werkdagen te gaan).',
    })
    expect(content.areas.map((area) => area.name)).toEqual(['Resultaten', 'Inzet'])
  })

  test("asking for their team sees no other rep's line, and a team that is not theirs is refused", async () => {
    const anna = { id: 1, name: 'Anna', role: 'rep' as const }
    const content = await buildDigest(db.pool, request({ recipient: anna }))
    expect(JSON.stringify(content)).not.toContain('Bram')
    expect(kpiOf(content, 'revenue.won').value).toBe('€4,500') // the team's total, as the dashboard shows a rep
    await expect(
      buildDigest(db.pool, request({ recipient: anna, scope: { type: 'team', id: 2 } })),
    ).rejects.toBeInstanceOf(DigestScopeHiddenError)
    // A manager may not read the whole organisation either.
    await expect(buildDigest(db.pool, request({ scope: { type: 'org' } }))).rejects.toBeInstanceOf(
      DigestScopeHiddenError,
    )
  })
})

test('the organisation for an admin, daily', async () => {
  const content = await buildDigest(
    db.pool,
    request({ scope: { type: 'org' }, recipient: { id: 4, name: 'Ada', role: 'admin' }, frequency: 'daily' }),
  )
  await expectSameAsDashboard(content, { type: 'org' }, 'en')
  expect(content.subject).toBe('Your daily digest: Whole organisation — December 2026')
  expect(kpiOf(content, 'revenue.won').value).toBe('€4,500') // North's; South won nothing
  expect(kpiOf(content, 'revenue.won').target).toBeNull() // no organisation target set
})

test("a webhook's digest: no person, the channel's wording and the admin's settings page", async () => {
  const content = await buildDigest(db.pool, request({ recipient: null }))
  expect(content.recipientName).toBeNull()
  expect(content.subject).toBe('Weekly digest: Team North — December 2026')
  expect(content.settingsUrl).toBe(`${publicUrl}/admin`)
})

test('an organisation without targets or data has nothing to say', async () => {
  const content = await buildDigest(
    db.pool,
    request({ organizationId: 2, scope: { type: 'org' }, recipient: { id: 6, name: 'Eva', role: 'admin' } }),
  )
  expect(content.areas.length).toBeGreaterThan(0) // the default layout
  expect(content.empty).toBe(true)
  // Sums of nothing (€0, 0 meetings) and no value elsewhere; no target anywhere.
  const kpis = content.areas.flatMap((area) => area.kpis)
  expect(kpis.every((kpi) => kpi.target === null)).toBe(true)
  expect(kpiOf(content, 'revenue.won').value).toBe('€0')
  expect(kpiOf(content, 'deals.win_rate').value).toBeNull()
  // One meeting makes it worth telling.
  await db.pool.query(
    `INSERT INTO activities (organization_id, type, user_id, occurred_at) VALUES (2, 'MEETING', 6, '2026-12-01T09:00Z')`,
  )
  const after = await buildDigest(
    db.pool,
    request({ organizationId: 2, scope: { type: 'org' }, recipient: { id: 6, name: 'Eva', role: 'admin' } }),
  )
  expect(after.empty).toBe(false)
})
