import type pg from 'pg'

export type Hit = { key: string; hits: number; retryAfterSeconds: number }

/**
 * Counts one request against each key in the current fixed window of `windowSeconds` (by the database's clock,
 * so every replica agrees) and returns the counts. A window's first hit also deletes windows over two hours old.
 */
export async function countHit(pool: Pick<pg.Pool, 'query'>, keys: string[], windowSeconds: number): Promise<Hit[]> {
  const { rows } = await pool.query<{ key: string; hits: number; retry_after: number }>(
    `INSERT INTO rate_limit_counters AS c (key, window_start, hits)
     SELECT k, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1 FROM unnest($1::text[]) AS k
     ON CONFLICT (key, window_start) DO UPDATE SET hits = c.hits + 1
     RETURNING key, hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
    [keys, windowSeconds],
  )
  if (rows.some((row) => row.hits === 1))
    await pool.query(`DELETE FROM rate_limit_counters WHERE window_start < now() - INTERVAL '2 hours'`)
  return rows.map((row) => ({ key: row.key, hits: row.hits, retryAfterSeconds: Math.max(1, row.retry_after) }))
}
