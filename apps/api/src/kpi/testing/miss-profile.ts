// What a miss of the answer cache costs once the span cache is warm (issue 19): one dashboard computed through the
// span cache, a call logged now (plain SQL), the same dashboard again, on a benchmark database. From apps/api:
//   node src/kpi/testing/miss-profile.ts [small|full] [team|rep|org] [day|week|month|quarter|year]
import { toInstant } from '@kpi/domain/time-zone'
import type { PeriodType } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import { readDataVersion } from '../answer-cache.ts'
import { openBenchDatabase } from './bench-database.ts'
import { dashboard } from '../dashboard.ts'
import { SpanAggregateCache } from '../span-cache.ts'

const [scale = 'small', scopeType = 'team', periodType = 'month'] = process.argv.slice(2)
const { store, org, team, rep } = await openBenchDatabase(scale)
try {
  const pool = store.pool
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
