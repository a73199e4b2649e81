import { randomBytes } from 'node:crypto'
import { createTestDatabase, type TestDatabase } from '@kpi/db/testing/test-database'
import pg from 'pg'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { seedTenant, type Tenant } from '../testing/seed-tenant.ts'
import { batchedForeignKeys, lockReferences, restoreKeyChecks } from './foreign-keys.db.ts'
import type { Importer } from './importer.ts'
import { importers } from './importers.ts'
import { upsertRows, type RunSql } from './upsert.db.ts'

// The import's own foreign-key checks (decision 44): it locks and counts each batch's references in one statement
// and writes the batch with PostgreSQL's per-row checks off. What must hold: every reference still exists when the
// batch is written and stays until commit, our triggers still fire, and the per-row checks are back afterwards.

let db: TestDatabase
let tenant: Tenant
beforeAll(async () => {
  db = await createTestDatabase()
  tenant = await seedTenant(db.pool)
})
afterAll(() => db[Symbol.asyncDispose]())

const activities = importers.activities
const admin = () => ({
  id: tenant.admin.id,
  organizationId: tenant.organizationId,
  role: 'admin' as const,
  teamId: null,
  managedTeamIds: [],
})

/** One activity row in the importer's column order. */
function activityRow(values: Record<string, unknown>): unknown[] {
  return activities.columns.map(({ column }) => values[column] ?? (column === 'calendar_fields' ? '{}' : null))
}

async function newLead(externalId: string): Promise<{ id: number; created: string }> {
  const rep = tenant.teams[0].reps[0]
  const { rows } = await db.pool.query<{ id: number; created: string }>(
    `INSERT INTO leads (organization_id, external_id, name, channel, owner_id, team_id, created_at)
     VALUES ($1, $2, $2, 'website', $3, $4, '2026-11-02T09:00:00Z') RETURNING id, created_at::text AS created`,
    [tenant.organizationId, externalId, rep.id, tenant.teams[0].id],
  )
  return rows[0]!
}

/** `body` inside a transaction on its own client, rolled back unless it commits itself. */
async function inTransaction<T>(body: (run: RunSql, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN')
    const run = async <R>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as R[]
    return await body(run, client)
  } finally {
    await client.query('ROLLBACK')
    client.release()
  }
}

test('every foreign key an activity import writes is checked by the import, with the embedded superuser', async () => {
  const keys = await inTransaction((run) => batchedForeignKeys(run, activities))
  expect(keys?.map((k) => `${k.column} → ${k.refTable}.${k.refColumn}`).sort()).toEqual([
    'customer_id → customers.id',
    'deal_id → deals.id',
    'lead_id → leads.id',
    'organization_id → organizations.id',
    'team_id → teams.id',
    'user_id → users.id',
  ])
})

test('every trigger of ours fires under an import’s replication role (ENABLE ALWAYS)', async () => {
  // A trigger created without ALWAYS would not fire during imports; until it is ALWAYS, imports fall back to
  // PostgreSQL's per-row checks (batchedForeignKeys → null). This names it.
  const { rows } = await db.pool.query(
    `SELECT tgrelid::regclass::text AS "table", tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'A'`,
  )
  expect(rows).toEqual([])
})

test('a batch is written with the per-row checks off, our triggers on, and the checks back afterwards', async () => {
  const lead = await newLead(`L-${randomBytes(4).toString('hex')}`)
  const rep = tenant.teams[0].reps[0]
  const versionBefore = await dataVersion()
  await inTransaction(async (run) => {
    const keys = (await batchedForeignKeys(run, activities))!
    const row = activityRow({
      external_id: 'A-1',
      type: 'CALL',
      user_id: rep.id,
      lead_id: lead.id,
      occurred_at: '2026-11-02T10:30:00Z',
      team_id: tenant.teams[0].id,
    })
    const counts = await upsertRows(run, activities, admin(), [row], (batch) =>
      lockReferences(run, keys, activities, tenant.organizationId, batch),
    )
    expect(counts).toMatchObject({ inserted: 1 })
    const [role] = await run<{ role: string }>(`SELECT current_setting('session_replication_role') AS role`, [])
    expect(role!.role).toBe('replica')
    // The lead-facts trigger (ALWAYS) saw the activity: its lead's first activity, 1.5 h after its creation.
    const [fact] = await run<{ at: string }>(
      `SELECT to_char(first_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS at FROM lead_responses WHERE lead_id = $1`,
      [lead.id],
    )
    expect(fact!.at).toBe('2026-11-02 10:30')
    expect(await dataVersion(run)).toBeGreaterThan(versionBefore)
    await restoreKeyChecks(run)
    // PostgreSQL checks again: a reference to no lead is refused by the foreign key itself.
    await expect(
      run(
        `INSERT INTO activities (organization_id, type, user_id, lead_id, occurred_at) VALUES ($1, 'CALL', $2, -5, now())`,
        [tenant.organizationId, rep.id],
      ),
    ).rejects.toMatchObject({ code: '23503' })
  })
  // The setting was transaction-local: a new transaction on the pool starts with the checks on.
  const { rows } = await db.pool.query(`SELECT current_setting('session_replication_role') AS role`)
  expect(rows[0].role).toBe('origin')
})

async function dataVersion(run?: RunSql): Promise<number> {
  const sql = 'SELECT coalesce(max(version), 0)::int AS v FROM kpi_data_versions WHERE organization_id = $1'
  const rows = run
    ? await run<{ v: number }>(sql, [tenant.organizationId])
    : (await db.pool.query<{ v: number }>(sql, [tenant.organizationId])).rows
  return rows[0]!.v
}

test('a reference deleted after it was resolved stops the import (409), and nothing of the batch is written', async () => {
  const gone = await newLead(`L-${randomBytes(4).toString('hex')}`)
  await db.pool.query('DELETE FROM leads WHERE id = $1', [gone.id])
  const rep = tenant.teams[0].reps[0]
  const externalId = `A-${randomBytes(4).toString('hex')}`
  await inTransaction(async (run) => {
    const keys = (await batchedForeignKeys(run, activities))!
    const row = activityRow({
      external_id: externalId,
      type: 'CALL',
      user_id: rep.id,
      lead_id: gone.id,
      occurred_at: '2026-11-02T10:30:00Z',
      team_id: tenant.teams[0].id,
    })
    await expect(
      upsertRows(run, activities, admin(), [row], (batch) =>
        lockReferences(run, keys, activities, tenant.organizationId, batch),
      ),
    ).rejects.toMatchObject({ statusCode: 409, message: expect.stringContaining('lead_id, in leads') })
    const { length } = await run('SELECT 1 FROM activities WHERE external_id = $1', [externalId])
    expect(length).toBe(0)
  })
})

test('the referenced rows stay locked until the import ends: nobody deletes them meanwhile', async () => {
  const lead = await newLead(`L-${randomBytes(4).toString('hex')}`)
  const rep = tenant.teams[0].reps[0]
  const other = await db.pool.connect()
  try {
    const { deleted } = await inTransaction(async (run) => {
      const keys = (await batchedForeignKeys(run, activities))!
      const row = activityRow({ type: 'EMAIL', user_id: rep.id, lead_id: lead.id, occurred_at: '2026-11-03T08:00:00Z' })
      await lockReferences(run, keys, activities, tenant.organizationId, [row])
      // FOR KEY SHARE, as the foreign key's own check takes: an edit that leaves the key alone goes through…
      await other.query(`UPDATE leads SET name = 'renamed' WHERE id = $1`, [lead.id])
      // …a delete waits for the import's transaction (no clock: we look until PostgreSQL says it waits on a lock).
      const pid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid
      let settled = false
      const deleted = other.query('DELETE FROM leads WHERE id = $1', [lead.id]).finally(() => (settled = true))
      for (;;) {
        expect(settled, 'the DELETE did not wait for the import').toBe(false)
        const waiting = await db.pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`,
          [pid],
        )
        if (waiting.rowCount) break
        await new Promise((done) => setTimeout(done, 10))
      }
      return { deleted } // (wrapped: returning the promise itself would wait for it inside the transaction)
    })
    // The import ended (rolled back here): the delete goes through.
    expect((await deleted).rowCount).toBe(1)
  } finally {
    other.release()
  }
})

test('without the right to set the replication role, PostgreSQL checks the keys row by row', async () => {
  const role = `importer_${randomBytes(4).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  await db.pool.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`)
  const url = new URL(db.url)
  url.username = role
  url.password = password
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const run = async <R>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as R[]
    expect(await batchedForeignKeys(run, activities)).toBeNull()
    // A managed database's administrator may grant just this parameter (PostgreSQL 15+).
    await db.pool.query(`GRANT SET ON PARAMETER session_replication_role TO ${role}`)
    expect((await batchedForeignKeys(run, activities))?.length).toBe(6)
  } finally {
    await client.end()
    await db.pool.query(`REVOKE SET ON PARAMETER session_replication_role FROM ${role}`)
    await db.pool.query(`DROP ROLE ${role}`)
  }
})

test('a trigger that would not fire, or a key pointing into its own table, leaves the checks to PostgreSQL', async () => {
  await inTransaction(async (run) => {
    await run('ALTER TABLE leads ENABLE TRIGGER kpi_data_inserted', [])
    expect(await batchedForeignKeys(run, activities)).toBeNull()
  })
  await inTransaction(async (run) => {
    await run(
      'CREATE TABLE scratch_tree (id int PRIMARY KEY, organization_id int, parent_id int REFERENCES scratch_tree (id))',
      [],
    )
    const tree: Importer = { ...activities, table: 'scratch_tree', columns: [{ column: 'parent_id', pgType: 'int' }] }
    expect(await batchedForeignKeys(run, tree)).toBeNull()
  })
})
