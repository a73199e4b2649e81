// What a miss of the answer cache costs once the span cache is warm (issue 19): one dashboard computed through the
// span cache, a call logged now (plain SQL), the same dashboard again, on a benchmark database. From apps/api:
//   node src/kpi/testing/miss-profile.ts [small|full] [team|rep|org] [day|week|month|quarter|year]
import { resolve } from 'node:path'
import { openStore } from '@kpi/db/store'
import { toInstant } from '@kpi/domain/time-zone'
import type { PeriodType } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import { readDataVersion } from '../answer-cache.ts'
import { dashboard } from '../dashboard.ts'
import { SpanAggregateCache } from '../span-cache.ts'

const [scale = 'small', scopeType = 'team', periodType = 'month'] = process.argv.slice(2)
const store = await openStore({ dataDir: resolve(import.meta.dirname, '../../../../../.bench-data', scale) })
try {
  const pool = store.pool
  const org = (await pool.query<{ id: number }>('SELECT min(id) AS id FROM organizations')).rows[0]!.id
  const team = (await pool.query<{ id: number }>('SELECT min(id) AS id FROM teams')).rows[0]!.id
  const rep = (await pool.query<{ id: number }>(`SELECT min(id) AS id FROM users WHERE role = 'REP'`)).rows[0]!.id
  const scope: Scope =
    scopeType === 'org' ? { type: 'org' } : { type: scopeType as 'team' | 'rep', id: scopeType === 'team' ? team : rep }
  const cache = new SpanAggregateCache({ maxEntries: 100_000 })
  const answer = async () => {
    const version = await readDataVersion(pool, org)
    const started = performance.now()
    const { rows: before } = await pool
      .query(`SELECT sum(calls + total_exec_time) FROM pg_stat_database`)
      .catch(() => ({ rows: [] }))
    void before
    await dashboard(
      { pool, spans: { cache, version } },
      {
        organizationId: org,
        scope,
        periodType: periodType as PeriodType,
        date: new Date().toISOString().slice(0, 10),
        now: toInstant(new Date()),
        locale: 'en',
      },
    )
    return performance.now() - started
  }
  console.log(`cold ${(await answer()).toFixed(0)} ms, warm-same-version ${(await answer()).toFixed(0)} ms`)
  for (let i = 0; i < 5; i++) {
    await pool.query(
      `INSERT INTO activities (organization_id, type, user_id, team_id, occurred_at, external_id)
       VALUES ($1, 'CALL', $2, $3, now(), 'bench-write-profile-' || $4)`,
      [org, rep, team, `${Date.now()}-${i}`],
    )
    const hits = cache.hits
    const misses = cache.misses
    console.log(
      `after a write: ${(await answer()).toFixed(0)} ms (span hits ${cache.hits - hits}, misses ${cache.misses - misses})`,
    )
  }
  await pool.query(`DELETE FROM activities WHERE external_id LIKE 'bench-write-profile-%'`)
} finally {
  await store.close()
}
