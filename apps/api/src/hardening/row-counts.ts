import type pg from 'pg'

// Tables that change on a request that is refused, by design: the session store and failed-login throttling.
const bookkeeping = new Set(['sessions', 'login_failures', '_prisma_migrations'])

/** table → row count for every table in the public schema except the bookkeeping ones. */
export async function rowCounts(pool: pg.Pool): Promise<Record<string, number>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )
  const counts: Record<string, number> = {}
  for (const { name } of tables) {
    if (bookkeeping.has(name)) continue
    const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from "${name}"`)
    counts[name] = rows[0]!.n
  }
  return counts
}
