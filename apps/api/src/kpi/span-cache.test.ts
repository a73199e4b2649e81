/**
 * The span cache (./span-cache.ts) and the reach every write records (migration 20261209020000_kpi_data_changes):
 * after each kind of write, dashboards answered through the cache equal dashboards computed from scratch, for
 * running and finished periods of every scope type, and the cache kept what the write could not reach.
 */
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import type { PeriodType } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readDataVersion } from './answer-cache.ts'
import { dashboard } from './dashboard.ts'
import { SpanAggregateCache } from './span-cache.ts'
import { buildFixture, ORG, TEAM_NORTH, TEAM_SOUTH } from './testing/fixture.ts'
import { insertFixture } from './testing/insert-fixture.ts'

const now = '2026-02-14T09:30:00.000Z'
const views: { scope: Scope; periodType: PeriodType; date: string }[] = [
  { scope: { type: 'org' }, periodType: 'month', date: '2026-02-10' }, // running
  { scope: { type: 'team', id: TEAM_NORTH }, periodType: 'month', date: '2026-02-10' }, // running, with reps
  { scope: { type: 'team', id: TEAM_SOUTH }, periodType: 'month', date: '2025-10-10' }, // finished
  { scope: { type: 'rep', id: 2 }, periodType: 'quarter', date: '2026-01-20' },
  { scope: { type: 'org' }, periodType: 'year', date: '2025-06-01' }, // finished, revenue growth's year-to-date
  // Running periods of more than a day: additive groups from their parts (finished months and days, then today).
  { scope: { type: 'org' }, periodType: 'year', date: '2026-02-10' },
  { scope: { type: 'team', id: TEAM_SOUTH }, periodType: 'quarter', date: '2026-02-10' },
  { scope: { type: 'rep', id: 4 }, periodType: 'week', date: '2026-02-14' },
]

let db: TestDatabase
const cache = new SpanAggregateCache({ maxEntries: 100_000 })
beforeAll(async () => {
  db = await createTestDatabase()
  await insertFixture(db.pool, buildFixture())
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

/** Every view through the cache and from scratch: the same answer. Returns the cache's hits and drops meanwhile. */
async function answersAgree(): Promise<{ hits: number; dropped: number }> {
  const before = { hits: cache.hits, dropped: cache.dropped }
  for (const view of views) {
    const options = { organizationId: ORG, ...view, now, locale: 'en' as const }
    const version = await readDataVersion(db.pool, ORG)
    const cached = await dashboard({ pool: db.pool, spans: { cache, version } }, options)
    const fresh = await dashboard({ pool: db.pool }, options)
    expect(cached, `${JSON.stringify(view)}`).toEqual(fresh)
  }
  return { hits: cache.hits - before.hits, dropped: cache.dropped - before.dropped }
}

/** The reaches the statements of `write` recorded, oldest first ('∞' for none, null for any span). */
async function reachesOf(write: string, values: unknown[] = []): Promise<(string | null)[]> {
  const { counter } = await readDataVersion(db.pool, ORG)
  await db.pool.query(write, values)
  const { rows } = await db.pool.query<{ reach: string | null }>(
    `SELECT CASE WHEN reach_from = 'infinity' THEN '∞' ELSE to_char(reach_from AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') END AS reach
       FROM kpi_data_changes WHERE organization_id = $1 AND version > $2 ORDER BY version`,
    [ORG, counter.toString()],
  )
  return rows.map((r) => r.reach)
}

describe('span cache under writes', () => {
  test('a warm cache answers the finished spans; the answers equal a fresh computation', async () => {
    await answersAgree()
    const warm = await answersAgree()
    expect(cache.size).toBeGreaterThan(0)
    expect(warm.hits).toBeGreaterThan(0)
    expect(warm.dropped).toBe(0)
    // The running year, quarter and week came from their parts: finished months and days of 2026 are held.
    expect(cache.entriesByGroup()).toMatchObject({ 'leads part': expect.any(Number), activities: expect.any(Number) })
    expect(cache.entriesByGroup()['leads part']).toBeGreaterThanOrEqual(14) // January and 1–13 February
  })

  test('a call logged today reaches only today: finished spans stay, the figures move', async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    const reaches = await reachesOf(
      `INSERT INTO activities (organization_id, type, user_id, team_id, occurred_at) VALUES ($1, 'CALL', 2, $2, $3)`,
      [ORG, TEAM_NORTH, '2026-02-14T08:00:00.000Z'],
    )
    expect(reaches).toEqual(['2026-02-14T08:00:00.000'])
    const { hits, dropped } = await answersAgree()
    // Every finished span ends by 14 February 08:00: none is dropped.
    expect(dropped).toBe(0)
    expect(hits).toBeGreaterThan(0)
  })

  test('a deal won back in June 2025 drops the spans after it, and only those', async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    const reaches = await reachesOf(
      `INSERT INTO deals (organization_id, name, owner_id, team_id, customer_id, type, stage, probability, status, amount, created_at, closed_at)
       VALUES ($1, 'Late entry', 4, $2, 1, 'NEW_BUSINESS', 'won', 100, 'WON', 1234.56, '2025-05-20T10:00:00Z', '2025-06-03T12:00:00Z')`,
      [ORG, TEAM_SOUTH],
    )
    expect(reaches).toEqual(['2025-05-20T10:00:00.000'])
    const { dropped, hits } = await answersAgree()
    expect(dropped).toBeGreaterThan(0)
    expect(hits).toBeGreaterThan(0) // the spans that ended by 20 May 2025 were kept
  })

  test('an open deal of last year changes amount: the pipeline snapshots since its creation follow', async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    const { rows } = await db.pool.query<{ id: number; created_at: Date }>(
      `SELECT id, created_at FROM deals WHERE organization_id = $1 AND status = 'OPEN' AND created_at < '2025-09-01'
        ORDER BY created_at LIMIT 1`,
      [ORG],
    )
    const deal = rows[0]!
    const reaches = await reachesOf(`UPDATE deals SET amount = amount + 1000 WHERE id = $1`, [deal.id])
    expect(reaches).toEqual([deal.created_at.toISOString().slice(0, -1)])
    await answersAgree()
  })

  test("a lead's first activity, logged today, moves its cohort month (through the lead-facts update)", async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    const { rows } = await db.pool.query<{ id: number; created_at: Date }>(
      `SELECT id, created_at FROM leads l WHERE organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM lead_responses r WHERE r.lead_id = l.id) AND created_at BETWEEN '2025-08-01' AND '2025-12-01' ORDER BY id LIMIT 1`,
      [ORG],
    )
    const lead = rows[0]!
    const reaches = await reachesOf(
      `INSERT INTO activities (organization_id, type, user_id, lead_id, occurred_at) VALUES ($1, 'CALL', 2, $2, $3)`,
      [ORG, lead.id, '2026-02-14T08:30:00.000Z'],
    )
    // The activity itself, then the lead's new lead_responses row (written by the lead-facts trigger; the lead's
    // created_at is its earliest time).
    expect(reaches).toEqual(['2026-02-14T08:30:00.000', lead.created_at.toISOString().slice(0, -1)])
    expect((await answersAgree()).dropped).toBeGreaterThan(0)
  })

  test("a cost of May 2025 reaches from the day before its month (a date column, the organisation's midnight)", async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    const reaches = await reachesOf(
      `INSERT INTO costs (organization_id, category, month, team_id, amount) VALUES ($1, 'MARKETING', '2025-05-01', $2, 500)`,
      [ORG, TEAM_NORTH],
    )
    expect(reaches).toEqual(['2025-04-30T00:00:00.000'])
    await answersAgree()
  })

  test('writes that place figures anew reach every span: a lead moved in time, a customer, a rep changing team', async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    expect(await reachesOf(`UPDATE leads SET created_at = created_at - INTERVAL '1 day' WHERE id = 1`)).toEqual([null])
    expect(await reachesOf(`UPDATE customers SET segment = 'enterprise' WHERE id = 2`)).toEqual([null])
    expect(await reachesOf(`UPDATE users SET team_id = $1 WHERE id = 3`, [TEAM_SOUTH])).toEqual([null])
    const { dropped } = await answersAgree()
    expect(dropped).toBeGreaterThan(0)
    expect(cache.size).toBeGreaterThan(0) // refilled by the answers just made
  })

  test("writes no aggregate reads keep every span: a user's language, a target; an empty update", async () => {
    await answersAgree()
    expect(await reachesOf(`UPDATE users SET locale = 'nl' WHERE id = 2`)).toEqual(['∞'])
    expect(
      await reachesOf(
        `INSERT INTO targets (organization_id, kpi_key, scope_type, scope_key, period_type, period_start, value)
         VALUES ($1, 'revenue.won', 'ORGANIZATION', 'org', 'MONTH', '2026-02-01', 50000)
         ON CONFLICT DO NOTHING`,
        [ORG],
      ),
    ).toEqual(['∞'])
    // A statement that changed no row names no organisation: no version at all.
    expect(await reachesOf(`UPDATE deals SET amount = amount WHERE FALSE`)).toEqual([])
    const { dropped, hits } = await answersAgree()
    expect(dropped).toBe(0)
    expect(hits).toBeGreaterThan(0)
  })

  test('a deleted deal reaches from its own times; an organisation setting reaches every span', async () => {
    await answersAgree() // warm: the tests share one cache and database and run in any order
    const { rows } = await db.pool.query<{ id: number; created_at: Date }>(
      `SELECT d.id, d.created_at FROM deals d WHERE d.organization_id = $1 AND d.status = 'WON'
          AND d.closed_at < '2025-04-01' AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.deal_id = d.id)
        ORDER BY d.created_at DESC LIMIT 1`,
      [ORG],
    )
    const deal = rows[0]!
    expect(await reachesOf(`DELETE FROM deals WHERE id = $1`, [deal.id])).toEqual([
      deal.created_at.toISOString().slice(0, -1),
    ])
    expect(await reachesOf(`UPDATE organizations SET fiscal_year_start_month = 1 WHERE id = $1`, [ORG])).toEqual([null])
    await answersAgree()
  })
})
