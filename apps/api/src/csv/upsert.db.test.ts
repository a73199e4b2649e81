import { createTestDatabase } from '@kpi/db/testing/test-database'
import { expect, test } from 'vitest'
import { arrayLiteral } from './upsert.db.ts'

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
