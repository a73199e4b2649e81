import type pg from 'pg'

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT when it returns, ROLLBACK when it throws. For
 * SQL that must land together (a token and its e-mail in the outbox, a user and its audit entry).
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
