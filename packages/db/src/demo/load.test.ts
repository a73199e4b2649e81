import { describe, expect, test } from 'vitest'
import { verifyPassword } from '../passwords.ts'
import { createTestDatabase } from '../testing/test-database.ts'
import { DEMO_ACCOUNTS } from './accounts.ts'
import { TEST_HASH, TEST_TODAY, byTable, collectBatches, demoOptions } from './demo-fixture.ts'
import { centsToDecimal, loadDemoData, loadDemoDataIfEmpty } from './load.ts'
import { TABLE_ORDER } from './rows.ts'

const COUNTED = TABLE_ORDER.map((table) => `(SELECT count(*) FROM "${table}")::int AS "${table}"`).join(', ')

describe('demo data loading', () => {
  test('first start loads DEMO with the demo accounts; a second start leaves the database alone', async () => {
    await using db = await createTestDatabase()
    const expected = byTable(collectBatches(demoOptions()))

    const first = await loadDemoDataIfEmpty(db.pool, { today: TEST_TODAY, password: 'secret-demo' })
    expect(first.loaded).toBe(true)
    expect(first.accounts).toEqual(DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })))
    console.info(`DEMO load: ${first.result?.durationMs} ms`, first.result?.rows)

    const counts = (await db.pool.query(`SELECT ${COUNTED}`)).rows[0]
    expect(counts).toEqual(Object.fromEntries(TABLE_ORDER.map((table) => [table, expected[table].length])))

    // Demo accounts log in with the given password; the manager manages the team the demo rep is in.
    const { rows: accounts } = await db.pool.query<{ email: string; role: string; password_hash: string }>(
      `SELECT email, role, password_hash FROM users WHERE email = ANY($1) ORDER BY id`,
      [DEMO_ACCOUNTS.map((a) => a.email)],
    )
    expect(accounts.map(({ email, role }) => ({ email, role }))).toEqual(
      DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
    )
    for (const account of accounts) expect(await verifyPassword('secret-demo', account.password_hash)).toBe(true)
    const { rows: teams } = await db.pool.query(
      `SELECT t.name FROM teams t JOIN users m ON m.id = t.manager_id JOIN users r ON r.team_id = t.id
        WHERE m.email = 'manager@example.com' AND r.email = 'rep@example.com'`,
    )
    expect(teams).toEqual([{ name: 'North' }])

    // Money arrives exact: the database's sum equals the generator's sum of integer cents.
    const wonCents = expected.deals.filter((d) => d.status === 'WON').reduce((sum, d) => sum + d.amountCents, 0)
    const { rows: sums } = await db.pool.query(`SELECT sum(amount)::text AS won FROM deals WHERE status = 'WON'`)
    expect(sums[0].won).toBe(centsToDecimal(wonCents))

    // The planner has statistics for the loaded tables (without them the org dashboard took seconds).
    const { rows: analyzed } = await db.pool.query<{ relname: string }>(
      `SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname = ANY($1) ORDER BY relname`,
      [['activities', 'deals', 'leads', 'customers']],
    )
    expect(analyzed.map((r) => r.relname)).toEqual(['activities', 'customers', 'deals', 'leads'])

    const second = await loadDemoDataIfEmpty(db.pool, { today: TEST_TODAY, seed: 99 })
    expect(second).toEqual({ loaded: false, accounts: first.accounts })
    expect((await db.pool.query(`SELECT ${COUNTED}`)).rows[0]).toEqual(counts)

    // Sequences were moved past the generated ids: the application can insert right away.
    const lead = await db.prisma.lead.create({
      data: { organizationId: 1, name: 'New lead', channel: 'website', createdAt: new Date() },
    })
    expect(lead.id).toBe(expected.leads.length + 1)
  })

  test('a failed load leaves nothing behind (one transaction)', async () => {
    await using db = await createTestDatabase()
    // An existing user with a demo id makes the users insert fail half-way through the load.
    await db.pool.query(`INSERT INTO organizations (id, name, slug) VALUES (50, 'Other', 'other')`)
    await db.pool.query(
      `INSERT INTO users (id, organization_id, email, name, role, password_hash)
       VALUES (5, 50, 'x@example.com', 'X', 'REP', 'x')`,
    )
    await expect(loadDemoData(db.pool, demoOptions({ months: 2 }), TEST_HASH)).rejects.toThrow(/users_pkey/)
    const { rows } = await db.pool.query(`SELECT ${COUNTED}`)
    expect(rows[0]).toMatchObject({ organizations: 1, users: 1, holidays: 0, leads: 0 })
  })

  test('a big load drops the plain indexes and rebuilds exactly the same ones', async () => {
    await using db = await createTestDatabase()
    const indexes = async (): Promise<unknown[]> =>
      (await db.pool.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`))
        .rows
    const before = await indexes()
    const result = await loadDemoData(db.pool, demoOptions({ months: 2 }), TEST_HASH, { deferIndexes: true })
    expect(await indexes()).toEqual(before)
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS leads FROM leads WHERE created_at > now() - interval '10 years'`,
    )
    expect(rows[0].leads).toBe(result.rows.leads)
  })

  test('a big load computes the lead facts once at the end: the same facts as the triggers give row by row', async () => {
    await using bulk = await createTestDatabase()
    await using rowByRow = await createTestDatabase()
    await loadDemoData(bulk.pool, demoOptions({ months: 2 }), TEST_HASH, { deferIndexes: true })
    await loadDemoData(rowByRow.pool, demoOptions({ months: 2 }), TEST_HASH, { deferIndexes: false })
    const facts = async (pool: typeof bulk.pool) =>
      (
        await pool.query(
          `SELECT l.id, r.first_activity_at, r.team_id, r.owner_id, r.created_at, a.account_key AS first_of_account
             FROM leads l LEFT JOIN lead_responses r ON r.lead_id = l.id LEFT JOIN lead_accounts a ON a.lead_id = l.id
            ORDER BY l.id`,
        )
      ).rows
    const expected = await facts(rowByRow.pool)
    expect(await facts(bulk.pool)).toEqual(expected)
    // Not vacuous: both facts are set on some leads and unset on others.
    expect(
      expected.some((l) => l.first_activity_at !== null) && expected.some((l) => l.first_activity_at === null),
    ).toBe(true)
    expect(expected.some((l) => l.first_of_account) && expected.some((l) => !l.first_of_account)).toBe(true)
    // The triggers are back on: a later activity of a lead without one moves its first activity.
    const { rows: off } = await bulk.pool.query(
      `SELECT tgrelid::regclass::text AS t FROM pg_trigger WHERE tgname LIKE 'lead_facts_%' AND tgenabled <> 'A'`,
    )
    expect(off).toEqual([])
    const lead = expected.find((l) => l.first_activity_at === null)
    await bulk.pool.query(
      `INSERT INTO activities (organization_id, user_id, lead_id, type, occurred_at)
       SELECT organization_id, owner_id, id, 'CALL', created_at + interval '1 hour' FROM leads WHERE id = $1`,
      [lead.id],
    )
    const { rows: after } = await bulk.pool.query(
      `SELECT first_activity_at = created_at + interval '1 hour' AS moved FROM lead_responses WHERE lead_id = $1`,
      [lead.id],
    )
    expect(after).toEqual([{ moved: true }])
  })
})
