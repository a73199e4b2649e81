import { resolve } from 'node:path'
import { openStore } from '@kpi/db/store'

/**
 * The benchmark database of `scale` (`.bench-data/<scale>`, built by `pnpm bench`) for the profiling scripts beside
 * this file, with the scopes they time: the organisation, its first team and its first rep.
 */
export async function openBenchDatabase(scale: string) {
  const store = await openStore({ dataDir: resolve(import.meta.dirname, '../../../../../.bench-data', scale) })
  const { rows } = await store.pool.query<{ org: number; team: number; rep: number }>(
    `SELECT (SELECT min(id) FROM organizations) AS org, (SELECT min(id) FROM teams) AS team,
            (SELECT min(id) FROM users WHERE role = 'REP') AS rep`,
  )
  return { store, ...rows[0]! }
}
