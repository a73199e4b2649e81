import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { readDataVersion } from './answer-cache.ts'

// The data version that keys the KPI answer cache is kept by PostgreSQL (migration 20261125030000): these tests
// prove every table the KPI answers read carries the triggers, and what a bump covers.

let db: TestDatabase
let tenant: Tenant
beforeAll(async () => {
  db = await createTestDatabase()
  tenant = await seedTenant(db.pool)
})
afterAll(async () => {
  await db?.[Symbol.asyncDispose]()
})

const src = path.resolve(import.meta.dirname, '..')
/** Where the SQL behind a dashboard or KPI-detail answer lives (the records listed in a KPI detail included). */
const ANSWER_SOURCES = ['kpi', 'routes/dashboard', 'routes/kpis', 'records', 'auth/access.ts']

async function sourceFiles(entry: string): Promise<string[]> {
  const full = path.join(src, entry)
  if (full.endsWith('.ts')) return [full]
  const names = await readdir(full, { recursive: true })
  return names
    .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts') && !n.includes('testing/'))
    .map((n) => path.join(full, n))
}

/** Every name after FROM / JOIN and every entity `table: '…'` in those sources that is a table in the database. */
async function tablesReadByKpiAnswers(): Promise<string[]> {
  const names = new Set<string>()
  for (const entry of ANSWER_SOURCES) {
    for (const file of await sourceFiles(entry)) {
      const text = await readFile(file, 'utf8')
      for (const m of text.matchAll(/\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)/gi)) names.add(m[1]!.toLowerCase())
      for (const m of text.matchAll(/\btable:\s*'([a-z_]+)'/g)) names.add(m[1]!)
    }
  }
  const { rows } = await db.pool.query<{ tablename: string }>(
    // kpi_data_versions is the version itself (read by answer-cache.ts); kpi_data_changes is what the versions
    // changed (read by span-cache.ts), written by the same triggers.
    `SELECT tablename FROM pg_tables
     WHERE schemaname = 'public' AND tablename = ANY($1::text[])
       AND tablename NOT IN ('kpi_data_versions', 'kpi_data_changes') ORDER BY tablename`,
    [[...names]],
  )
  return rows.map((r) => r.tablename)
}

const version = async (organizationId: number) => (await readDataVersion(db.pool, organizationId)).counter

describe('kpi_data_versions triggers', () => {
  test('every table the KPI SQL reads has AFTER INSERT / UPDATE / DELETE statement triggers with transition tables', async () => {
    const tables = await tablesReadByKpiAnswers()
    // Not vacuous: the scan finds the data, configuration and people tables.
    expect(tables).toEqual(
      expect.arrayContaining([
        'activities',
        'costs',
        'customers',
        'deals',
        'focus_area_kpis',
        'focus_areas',
        'holidays',
        'leads',
        'organizations',
        'products',
        'survey_responses',
        'targets',
        'teams',
        'thresholds',
        'users',
      ]),
    )
    const { rows } = await db.pool.query<{ table: string; type: number; old: string | null; new: string | null }>(
      `SELECT c.relname AS table, t.tgtype AS type, t.tgoldtable AS old, t.tgnewtable AS new
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND p.proname LIKE 'kpi\\_data\\_changed%' AND t.tgenabled <> 'D'`,
    )
    // tgtype bits: 1 row-level, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE → 4, 16, 8 are AFTER … FOR EACH STATEMENT.
    const triggers = (table: string) =>
      rows
        .filter((r) => r.table === table)
        .map((r) => ({ type: r.type, old: r.old !== null, new: r.new !== null }))
        .sort((a, b) => a.type - b.type)
    for (const table of tables) {
      expect(triggers(table), table).toEqual([
        { type: 4, old: false, new: true },
        { type: 8, old: true, new: false },
        { type: 16, old: true, new: true },
      ])
    }
  })

  test("a statement bumps its organisations' versions once, in its transaction; other organisations keep theirs", async () => {
    const [mine, other] = [tenant.organizationId, tenant.other.organizationId]
    const [mine0, other0] = [await version(mine), await version(other)]

    // Three rows, one statement: +1.
    await db.pool.query(
      `INSERT INTO holidays (organization_id, date, name)
       SELECT $1, d, 'day off' FROM generate_series('2026-05-04'::date, '2026-05-06', '1 day') AS d`,
      [mine],
    )
    expect([await version(mine), await version(other)]).toEqual([mine0 + 1n, other0])

    // An UPDATE that matches nothing changes nothing.
    await db.pool.query(`UPDATE holidays SET name = 'x' WHERE organization_id = $1 AND date = '1999-01-01'`, [mine])
    expect(await version(mine)).toBe(mine0 + 1n)

    // Rolled back: no bump seen by anyone.
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query(`DELETE FROM holidays WHERE organization_id = $1`, [mine])
      // Inside the writer's transaction the bump is there already…
      expect(
        (await client.query(`SELECT version FROM kpi_data_versions WHERE organization_id = $1`, [mine])).rows[0],
      ).toEqual({ version: String(mine0 + 2n) })
      await client.query('ROLLBACK')
    } finally {
      client.release()
    }
    // … and gone with it.
    expect(await version(mine)).toBe(mine0 + 1n)

    // A row moved to another organisation changes both.
    await db.pool.query(`UPDATE holidays SET organization_id = $2 WHERE organization_id = $1 AND date = '2026-05-04'`, [
      mine,
      other,
    ])
    expect([await version(mine), await version(other)]).toEqual([mine0 + 2n, other0 + 1n])

    await db.pool.query(`DELETE FROM holidays WHERE organization_id = ANY($1::int[])`, [[mine, other]])
    expect([await version(mine), await version(other)]).toEqual([mine0 + 3n, other0 + 2n])
  })

  test('focus_area_kpis (no organization_id) bumps through its focus area', async () => {
    const before = await version(tenant.organizationId)
    const { rows } = await db.pool.query<{ id: number }>(
      `INSERT INTO focus_areas (organization_id, key, name_en, name_nl, rank) VALUES ($1, 'money', 'Money', 'Geld', 1)
       RETURNING id`,
      [tenant.organizationId],
    )
    expect(await version(tenant.organizationId)).toBe(before + 1n)
    await db.pool.query(`INSERT INTO focus_area_kpis (focus_area_id, kpi_key, rank) VALUES ($1, 'revenue.won', 1)`, [
      rows[0]!.id,
    ])
    expect(await version(tenant.organizationId)).toBe(before + 2n)
    await db.pool.query(`UPDATE focus_area_kpis SET rank = 2 WHERE focus_area_id = $1`, [rows[0]!.id])
    expect(await version(tenant.organizationId)).toBe(before + 3n)
  })

  test('deleting an organisation with data works: its cascaded rows do not re-create its version', async () => {
    const doomed = await seedTenant(db.pool)
    expect(await version(doomed.organizationId)).toBeGreaterThan(0n)
    await db.pool.query(`DELETE FROM organizations WHERE id = $1`, [doomed.other.organizationId])
    await db.pool.query(`DELETE FROM organizations WHERE id = $1`, [doomed.organizationId])
    const { rows } = await db.pool.query(`SELECT * FROM kpi_data_versions WHERE organization_id = ANY($1::int[])`, [
      [doomed.organizationId, doomed.other.organizationId],
    ])
    expect(rows).toEqual([])
  })

  test('TRUNCATE (no transition table) bumps every organisation', async () => {
    const [mine0, other0] = [await version(tenant.organizationId), await version(tenant.other.organizationId)]
    await db.pool.query('TRUNCATE holidays')
    expect([await version(tenant.organizationId), await version(tenant.other.organizationId)]).toEqual([
      mine0 + 1n,
      other0 + 1n,
    ])
  })
})
