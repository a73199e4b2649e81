import { createTestDatabase } from '@kpi/db/testing/test-database'
import { expect, test } from 'vitest'

// deals_lead_id_idx and deals_product_id_idx are partial (IS NOT NULL) so that the import's deals without a lead
// or product skip them; the foreign keys' ON DELETE SET NULL must still find a lead's or product's deals through
// them. PostgreSQL runs that as a generic plan with the key as a parameter, which is what is explained here.
test('ON DELETE SET NULL from leads and products still uses the partial deal indexes', async () => {
  await using db = await createTestDatabase()
  const client = await db.pool.connect()
  try {
    await client.query('SET plan_cache_mode = force_generic_plan')
    await client.query('SET enable_seqscan = off')
    for (const column of ['lead_id', 'product_id']) {
      await client.query(
        `PREPARE set_null_${column}(int) AS UPDATE ONLY deals SET ${column} = NULL WHERE $1 = ${column}`,
      )
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE set_null_${column}(1)`)
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(`deals_${column}_idx`)
    }
    const { rows } = await client.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE indexname IN ('deals_lead_id_idx', 'deals_product_id_idx') ORDER BY 1`,
    )
    expect(rows.map((r) => r.indexdef)).toEqual([
      expect.stringContaining('WHERE (lead_id IS NOT NULL)'),
      expect.stringContaining('WHERE (product_id IS NOT NULL)'),
    ])
  } finally {
    client.release()
  }
})
