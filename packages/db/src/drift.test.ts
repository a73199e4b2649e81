import { describe, expect, test } from 'vitest'
import { introspectSchema } from './drift/introspect.ts'
import { constraintName, expectedSchema, readDatamodel } from './drift/prisma-schema.ts'
import { diffSchemas } from './drift/schema-shape.ts'
import type { SchemaShape } from './drift/schema-shape.ts'
import { migrate } from './migrator.ts'
import { createTestDatabase } from './testing/test-database.ts'

// The migrations in prisma/migrations are hand-written; this proves they build exactly what schema.prisma
// describes: tables, columns (type with precision, nullability, default), indexes (name, uniqueness, column
// order), foreign keys (columns, target, ON DELETE/UPDATE) and enums.

/** Fails with the whole readable diff, not just the first mismatch. */
function expectNoDrift(expected: SchemaShape, actual: SchemaShape): void {
  const diff = diffSchemas(expected, actual)
  expect(diff, `schema.prisma and the migrated database differ:\n${diff.join('\n')}\n`).toEqual([])
}

describe('drift between schema.prisma and prisma/migrations', () => {
  test('a fresh database migrated from prisma/migrations matches schema.prisma exactly', async () => {
    await using db = await createTestDatabase({ migrated: false })
    await migrate(db.pool)
    const expected = expectedSchema(await readDatamodel())
    const actual = await introspectSchema(db.pool)

    expectNoDrift(expected, actual)
    // Guard against a vacuous pass (e.g. an empty parse): 18 tables when this was written (16 + sessions, login_failures).
    expect(Object.keys(actual.tables).length).toBeGreaterThanOrEqual(18)
    expect(actual.tables.deals?.columns.amount).toEqual({ type: 'numeric(14,2)', nullable: true, default: null })
  })

  test('the comparison fails, line by line, on any difference', async () => {
    await using db = await createTestDatabase()
    const actual = await introspectSchema(db.pool)
    const expected = structuredClone(actual)
    const deals = expected.tables.deals!
    deals.columns.discount = { type: 'numeric(14,2)', nullable: true, default: null } // extra column
    deals.columns.name!.nullable = true // nullability flip
    deals.columns.probability!.type = 'integer' // smallint in the database
    deals.columns.status!.default = `'WON'::"DealStatus"` // different default
    deals.indexes.deals_lead_id_idx!.unique = true // unique flip
    deals.indexes.deals_owner_id_closed_at_idx!.columns.reverse() // column order
    deals.foreignKeys.deals_customer_id_fkey!.onDelete = 'CASCADE' // RESTRICT in the database
    expected.enums.DealStatus!.push('PAUSED') // extra enum value
    delete expected.tables.costs // a table the schema does not know

    expect(diffSchemas(expected, actual)).toEqual([
      'enum DealStatus: values ["OPEN","WON","LOST","PAUSED"] expected, database has ["OPEN","WON","LOST"]',
      '- column deals.discount: in schema.prisma, missing from the database',
      'deals.name: nullable true expected, database has false',
      'deals.probability: type "integer" expected, database has "smallint"',
      `deals.status: default "'WON'::\\"DealStatus\\"" expected, database has "'OPEN'::\\"DealStatus\\""`,
      'deals.deals_lead_id_idx: index {"unique":true,"primary":false,"columns":["lead_id"]} expected, database has {"unique":false,"primary":false,"columns":["lead_id"]}',
      'deals.deals_owner_id_closed_at_idx: index {"unique":false,"primary":false,"columns":["closed_at","owner_id"]} expected, database has {"unique":false,"primary":false,"columns":["owner_id","closed_at"]}',
      'deals.deals_customer_id_fkey: foreign key {"columns":["customer_id"],"referencedTable":"customers","referencedColumns":["id"],"onDelete":"CASCADE","onUpdate":"CASCADE"} expected, database has {"columns":["customer_id"],"referencedTable":"customers","referencedColumns":["id"],"onDelete":"RESTRICT","onUpdate":"CASCADE"}',
      '+ table costs: in the database, not in schema.prisma',
    ])
  })

  test('a database without the migrations drifts from schema.prisma', async () => {
    await using db = await createTestDatabase({ migrated: false })
    const diff = diffSchemas(expectedSchema(await readDatamodel()), await introspectSchema(db.pool))
    expect(diff).toContain('- table deals: in schema.prisma, missing from the database')
  })
})

describe('Prisma default constraint names', () => {
  test.each([
    { table: 'users', columns: ['email'], suffix: '_key' as const, expected: 'users_email_key' },
    {
      table: 'leads',
      columns: ['organization_id', 'created_at'],
      suffix: '_idx' as const,
      expected: 'leads_organization_id_created_at_idx',
    },
    { table: 'leads', columns: ['owner_id'], suffix: '_fkey' as const, expected: 'leads_owner_id_fkey' },
    { table: 'leads', columns: [], suffix: '_pkey' as const, expected: 'leads_pkey' },
    // 'targets_organization_id_kpi_key_scope_key_period_type_period_start' is 66 bytes; cut to 63 − 4 = 59, then '_key'.
    {
      table: 'targets',
      columns: ['organization_id', 'kpi_key', 'scope_key', 'period_type', 'period_start'],
      suffix: '_key' as const,
      expected: 'targets_organization_id_kpi_key_scope_key_period_type_perio_key',
    },
  ])('$table $columns $suffix → $expected', ({ table, columns, suffix, expected }) => {
    expect(constraintName(table, columns, suffix)).toBe(expected)
    expect(constraintName(table, columns, suffix).length).toBeLessThanOrEqual(63)
  })
})
