import { describe, expect, test } from 'vitest'
import { generateDemoData } from './generate.ts'
import { BENCH } from './options.ts'
import { createRandom } from './random.ts'
import { TABLE_ORDER } from './rows.ts'
import { TEST_HASH, TEST_TODAY, byTable, collectBatches, demoOptions } from './demo-fixture.ts'

describe('demo generator determinism', () => {
  const first = collectBatches(demoOptions())

  test('the same seed and today give the same batches, row for row', () => {
    expect(collectBatches(demoOptions())).toEqual(first)
  })

  test('another seed gives other data', () => {
    const other = byTable(collectBatches(demoOptions({ seed: 7 })))
    const mine = byTable(first)
    expect(other.leads.length).not.toBe(mine.leads.length)
    expect(other.deals.slice(0, 50)).not.toEqual(mine.deals.slice(0, 50))
  })

  test('the PRNG itself is a fixed sequence (changing it silently would change every demo)', () => {
    const random = createRandom(42)
    const draws = [random.next(), random.next(), random.int(1, 6)]
    const again = createRandom(42)
    expect([again.next(), again.next(), again.int(1, 6)]).toEqual(draws)
    expect(createRandom(43).next()).not.toBe(draws[0])
  })

  test('batches never exceed batchSize and a table only references tables emitted before it', () => {
    const small = collectBatches(demoOptions({ batchSize: 700, months: 6 }))
    const seen = new Map<string, Set<number>>()
    for (const batch of small) {
      expect(batch.rows.length).toBeGreaterThan(0)
      expect(batch.rows.length).toBeLessThanOrEqual(700)
      const refs: [string, string][] = [
        ['customerId', 'customers'],
        ['leadId', 'leads'],
        ['dealId', 'deals'],
        ['ownerId', 'users'],
        ['userId', 'users'],
        ['teamId', 'teams'],
        ['productId', 'products'],
        ['focusAreaId', 'focus_areas'],
      ]
      for (const row of batch.rows as unknown as Record<string, unknown>[]) {
        for (const [column, table] of refs) {
          const id = row[column]
          if (typeof id === 'number')
            expect(seen.get(table)?.has(id), `${batch.table}.${column} → ${table} ${id}`).toBe(true)
        }
      }
      const ids = seen.get(batch.table) ?? new Set<number>()
      for (const row of batch.rows) ids.add(row.id)
      seen.set(batch.table, ids)
    }
    // Every table of the data model that the generator owns got rows.
    expect([...seen.keys()].sort()).toEqual([...TABLE_ORDER].sort())
  })

  test('ids are 1…n per table and external ids follow demo-<kind>-000123', () => {
    const tables = byTable(first)
    for (const table of TABLE_ORDER) {
      expect(tables[table].map((row) => row.id)).toEqual(tables[table].map((_, i) => i + 1))
    }
    expect(tables.leads[122]?.externalId).toBe('demo-lead-000123')
    expect(tables.deals[0]?.externalId).toBe('demo-deal-000001')
  })

  test('DEMO size: 3 teams of 4–6 reps, ~9 k leads, 2–3 k deals, ~40 k activities over 24 months', () => {
    const t = byTable(first)
    // 24 months: the first lead is in the month 23 months before November 2026.
    expect(t.leads[0]?.createdAt.toISOString().slice(0, 7)).toBe('2024-12')
    expect(t.teams).toHaveLength(3)
    const reps = t.users.filter((u) => u.role === 'REP')
    for (const team of t.teams) {
      const size = reps.filter((u) => u.teamId === team.id).length
      expect(size).toBeGreaterThanOrEqual(4)
      expect(size).toBeLessThanOrEqual(6)
    }
    expect(t.leads.length).toBeGreaterThan(8_000)
    expect(t.leads.length).toBeLessThan(11_000)
    expect(t.deals.length).toBeGreaterThan(2_000)
    expect(t.deals.length).toBeLessThan(3_500)
    expect(t.activities.length).toBeGreaterThan(30_000)
    expect(t.activities.length).toBeLessThan(50_000)
    expect(t.products).toHaveLength(8)
    expect(new Set(t.products.map((p) => p.category)).size).toBe(3)
  })

  test.each([
    { today: '2026-03-01T00:10:00Z', months: 3 }, // ten minutes into a month (01:10 in Amsterdam)
    { today: '2026-03-29T01:30:00Z', months: 2 }, // just after the switch to summer time
    { today: '2027-01-04T09:00:00Z', months: 1 }, // a single, barely started month
  ])('edge "now" $today with $months months: nothing after now, still a consistent data set', ({ today, months }) => {
    const now = Date.parse(today)
    const t = byTable(collectBatches(demoOptions({ today: new Date(today), months })))
    const instants = [
      ...t.leads.flatMap((l) => [l.createdAt, l.mqlAt, l.sqlAt, l.opportunityAt, l.disqualifiedAt]),
      ...t.deals.flatMap((d) => [d.createdAt, d.closedAt]),
      ...t.activities.map((a) => a.occurredAt),
      ...t.survey_responses.map((s) => s.respondedAt),
    ]
    for (const at of instants) if (at) expect(at.getTime()).toBeLessThanOrEqual(now)
    expect(t.targets.length).toBeGreaterThan(0)
    for (const target of t.targets) expect(Number.isFinite(target.value)).toBe(true)
  })

  test('BENCH streams: the first batches arrive without generating the whole 36 months', () => {
    const stream = generateDemoData({ ...BENCH, today: TEST_TODAY }, TEST_HASH)
    let rows = 0
    for (const batch of stream) {
      rows += batch.rows.length
      if (batch.table === 'activities') break
    }
    // Batches are bounded (10 k) and the first activities come within the first month's leads.
    expect(rows).toBeLessThan(200_000)
  })
})
