import type pg from 'pg'

// Tables that change on a request that is refused, by design: the session store and failed-login throttling.
const bookkeeping = new Set(['sessions', 'login_failures', '_prisma_migrations'])

/** table → row count for every table in the public schema except the bookkeeping ones. */
export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    if (bookkeeping.has(name)) continue
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`)
    counts[name] = rows[0]!.n
  }
  return counts
}
