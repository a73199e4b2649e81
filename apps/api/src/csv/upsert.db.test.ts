import { createTestDatabase } from '@kpi/db/testing/test-database'
import { expect, test } from 'vitest'
import { seedTenant } from '../testing/seed-tenant.ts'
import { importers } from './importers.ts'
import { arrayLiteral, upsertRows } from './upsert.db.ts'

test('arrayLiteral survives the characters array literals treat specially', async () => {
  await using db = await createTestDatabase()
  const values = ['plain', 'a,b', '{braces}', 'say "hi"', 'back\\slash', 'NULL', '', null, ' spaced ', 'ü€']
  const { rows } = await db.pool.query<{ a: (string | null)[] }>('SELECT $1::text[] AS a', [
    arrayLiteral(
      values.map((v) => [v]),
      0,
    ),
  ])
  // 'NULL' the text stays text; only a real null becomes SQL NULL.
  expect(rows[0]!.a).toEqual(values)
  const numbers = await db.pool.query<{ a: (string | null)[] }>('SELECT $1::numeric[]::text[] AS a', [
    arrayLiteral([['1.50'], [null], ['0']], 0),
  ])
  expect(numbers.rows[0]!.a).toEqual(['1.50', null, '0'])
})

test('a record that moved to another team after the check is neither taken over nor counted as unchanged (F1)', async () => {
  await using db = await createTestDatabase()
  const tenant = await seedTenant(db.pool)
  const [north, south] = tenant.teams
  const stored = await db.pool.query<{ id: number }>(
    `INSERT INTO deals (organization_id, external_id, name, owner_id, team_id, type, stage, probability, status,
                        amount, created_at)
     VALUES ($1, 'D-17', 'South deal', $2, $3, 'NEW_BUSINESS', 'Lead', 10, 'OPEN', 10, now()) RETURNING id`,
    [tenant.organizationId, south.reps[0].id, south.id],
  )
  const before = await db.pool.query('SELECT * FROM deals WHERE id = $1', [stored.rows[0]!.id])
  const manager = {
    id: north.manager.id,
    organizationId: tenant.organizationId,
    role: 'manager' as const,
    teamId: null,
    managedTeamIds: [north.id],
  }
  // The row as `prepare` would have made it when D-17 was still North's: owned by a North rep.
  const importer = importers.deals
  const rowOf: Record<string, unknown> = {
    external_id: 'D-17',
    name: 'Taken over',
    owner_id: north.reps[0].id,
    type: 'NEW_BUSINESS',
    stage: 'Lead',
    probability: 10,
    status: 'OPEN',
    amount: '99',
    cost: '0',
    created_at: '2026-01-05T10:00:00Z',
    team_id: north.id,
  }
  const row = importer.columns.map(({ column }) => rowOf[column] ?? null)
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN')
    const run = async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[]
    await expect(upsertRows(run, importer, manager, [row])).rejects.toMatchObject({ statusCode: 409 })
    await client.query('ROLLBACK')
  } finally {
    client.release()
  }
  expect((await db.pool.query('SELECT * FROM deals WHERE id = $1', [stored.rows[0]!.id])).rows).toEqual(before.rows)
})
