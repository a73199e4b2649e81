/**
 * The detector's statuses are the dashboard's: observeStatuses (period only, no trend, no breakdown) gives, for
 * every watched scope and period, the same status and value as the card the dashboard shows for it.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { parseScope } from '@kpi/domain/scope'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { dashboard } from '../kpi/dashboard.ts'
import { buildFixture, ORG, TEAM_NORTH } from '../kpi/testing/fixture.ts'
import { insertFixture } from '../kpi/testing/insert-fixture.ts'
import { observeStatuses } from './observe.ts'

const now = '2026-02-14T09:30:00.000Z'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
  await insertFixture(db.pool, buildFixture())
  // Targets, so that statuses have colours to agree on (the fixture has none): a month and a week target for the
  // organisation, the team and one rep, on KPIs of several groups.
  const { rows } = await db.pool.query<{ id: number }>(
    `SELECT id FROM users WHERE organization_id = $1 AND role = 'REP' AND team_id = $2 ORDER BY id LIMIT 1`,
    [ORG, TEAM_NORTH],
  )
  const rep = rows[0]!.id
  for (const [kpi, value] of [
    ['revenue.won', 5000],
    ['leads.created', 3],
    ['deals.win_rate', 0.5],
  ] as const) {
    for (const [periodType, start] of [
      ['MONTH', '2026-02-01'],
      ['WEEK', '2026-02-09'],
    ] as const) {
      await db.pool.query(
        `INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, team_id, user_id, period_type, period_start, value)
         VALUES ($1, $2, 'ORGANIZATION', 'org', NULL, NULL, $3, $4, $5),
                ($1, $2, 'TEAM', $6, $7, NULL, $3, $4, $5),
                ($1, $2, 'REP', $8, NULL, $9, $3, $4, $5)`,
        [ORG, kpi, periodType, start, value, `team:${TEAM_NORTH}`, TEAM_NORTH, `rep:${rep}`, rep],
      )
    }
  }
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

test('every observed status and value equals the dashboard card of that scope and period', async () => {
  const observations = await observeStatuses(db.pool, ORG, now)
  const colours = new Set(observations.map((o) => o.status))
  // The comparison must have something to compare: several scopes, both periods, more than one status.
  expect(new Set(observations.map((o) => o.scopeKey)).size).toBeGreaterThan(3)
  expect(colours.size).toBeGreaterThan(1)
  const boards = new Map<string, Awaited<ReturnType<typeof dashboard>>>()
  for (const o of observations) {
    const key = `${o.scopeKey} ${o.periodType}`
    if (!boards.has(key))
      boards.set(
        key,
        await dashboard(
          { pool: db.pool },
          { organizationId: ORG, scope: parseScope(o.scopeKey)!, periodType: o.periodType, date: '2026-02-14', now },
        ),
      )
    const card = boards
      .get(key)!
      .focusAreas.flatMap((a) => a.kpis)
      .find((k) => k.key === o.kpiKey)!
    expect({ key, kpi: o.kpiKey, status: o.status, value: o.value, label: o.periodLabel }).toEqual({
      key,
      kpi: o.kpiKey,
      status: card.status,
      value: card.value.kind === 'value' ? card.value.value : null,
      label: boards.get(key)!.period.label,
    })
  }
})
