/**
 * Query plans of every aggregate statement on a few thousand rows per organisation (4 organisations ×
 * 5000 leads, 5000 deals, 25000 activities, 500 customers, × SCALE from the environment, default 1), for
 * each scope type, over 12 months + a year, then whole dashboards' latency.
 * Prints execution time, the indexes used and any sequential scans; pass a group key to print its plan.
 * Run from apps/api: `node src/kpi/testing/explain-plans.ts [group]` (starts its own embedded PostgreSQL
 * in a temporary folder and removes it afterwards).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmbeddedPostgres } from '@kpi/db/embedded'
import { createPool } from '@kpi/db/client'
import { migrate } from '@kpi/db/migrator'
import { GROUP_KEYS } from '@kpi/domain/kpis/aggregates'
import { periodContaining, trendPeriods } from '@kpi/domain/periods'
import type { Scope } from '@kpi/domain/scope'
import { GROUP_QUERIES } from '../aggregates.sql.ts'
import { dashboard } from '../dashboard.ts'
import { scopeSetOf } from '../scope-set.ts'
import type pg from 'pg'

const dataDir = await mkdtemp(join(tmpdir(), 'kpi-explain-'))
const server = await startEmbeddedPostgres({ dataDir, database: 'kpi', ephemeral: true })
const pool = createPool(server.url)
try {
  await migrate(pool)
  const scale = Number(process.env.SCALE ?? 1)
  const [L, D, A, C] = [5000 * scale, 5000 * scale, 25000 * scale, 500 * scale]
  // Rows of one organisation spread over ~590 days from 2024-01-01.
  const step = (n: number) => `(g % ${n}) * INTERVAL '${(850_000 / n).toFixed(3)} minutes'`
  console.time('data')
  await pool.query(`
  INSERT INTO organizations (id, name, slug) SELECT g, 'o'||g, 'o'||g FROM generate_series(1,4) g;
  INSERT INTO teams (id, organization_id, name) SELECT g, (g-1)/3+1, 't'||g FROM generate_series(1,12) g;
  INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash)
    SELECT g, (g-1)/30+1, 'u'||g||'@x', 'u'||g, 'REP', ((g-1)/30)*3 + (g%3) + 1, 'x' FROM generate_series(1,120) g;
  INSERT INTO customers (id, organization_id, name, segment, owner_id, ideal_profile, churned_at)
    SELECT g, (g-1)/${C}+1, 'c'||g, 'smb', ((g-1)/${C})*30 + (g%30) + 1, g%2=0, CASE WHEN g%7=0 THEN timestamptz '2025-06-01' + (g%300)*INTERVAL '1 day' END FROM generate_series(1,${4 * C}) g;
  INSERT INTO leads (id, organization_id, name, channel, account_key, owner_id, team_id, created_at, mql_at, sql_at, opportunity_at)
    SELECT g, (g-1)/${L}+1, 'l', (ARRAY['web','event','referral'])[g%3+1], 'acc'||(g%${L / 6}), ((g-1)/${L})*30 + (g%30) + 1, ((g-1)/${L})*3 + (g%3) + 1,
      timestamptz '2024-01-01' + ${step(L)}, timestamptz '2024-01-02' + ${step(L)},
      CASE WHEN g%2=0 THEN timestamptz '2024-01-05' + ${step(L)} END, NULL FROM generate_series(1,${4 * L}) g;
  INSERT INTO deals (id, organization_id, name, owner_id, team_id, customer_id, lead_id, type, stage, probability, status, amount, cost, created_at, expected_close_at, closed_at)
    SELECT g, (g-1)/${D}+1, 'd', ((g-1)/${D})*30 + (g%30) + 1, ((g-1)/${D})*3 + (g%3) + 1, ((g-1)/${D})*${C} + (g%${C}) + 1, g,
      (ARRAY['NEW_BUSINESS','UPSELL','CROSS_SELL','RENEWAL']::"DealType"[])[g%4+1], 's', 50,
      (ARRAY['OPEN','WON','LOST','WON']::"DealStatus"[])[g%4+1], 1000 + g%5000, 100,
      timestamptz '2024-01-01' + ${step(D)}, timestamptz '2024-03-01' + ${step(D)},
      CASE WHEN g%4 <> 0 THEN timestamptz '2024-02-01' + ${step(D)} END FROM generate_series(1,${4 * D}) g;
  INSERT INTO activities (organization_id, type, user_id, team_id, lead_id, customer_id, occurred_at)
    SELECT (g-1)/${A}+1, (ARRAY['CALL','MEETING','PROPOSAL','EMAIL']::"ActivityType"[])[g%4+1], ((g-1)/${A})*30 + (g%30) + 1, ((g-1)/${A})*3 + (g%3) + 1,
      ((g-1)/${A})*${L} + (g%${L}) + 1, NULL, timestamptz '2024-01-01' + ${step(A)} FROM generate_series(1,${4 * A}) g;
  INSERT INTO costs (organization_id, category, month, team_id, amount)
    SELECT o, c, m::date, t, 1000 FROM generate_series(1,4) o, unnest(ARRAY['MARKETING','SALES','PERSONNEL','FIXED']::"CostCategory"[]) c,
      generate_series(timestamp '2024-01-01', '2025-12-01', '1 month') m, generate_series((o-1)*3+1, (o-1)*3+3) t;
  INSERT INTO survey_responses (organization_id, kind, score, responded_at, team_id, customer_id)
    SELECT (g-1)/2500+1, (ARRAY['NPS','CSAT','ENPS','Q12']::"SurveyKind"[])[g%4+1], g%5+1, timestamptz '2024-01-01' + (g%2500)*INTERVAL '5 hours', ((g-1)/2500)*3 + (g%3) + 1, NULL FROM generate_series(1,10000) g;
  ANALYZE;`)
  console.timeEnd('data')
  const settings = { timeZone: 'Europe/Amsterdam', fiscalYearStartMonth: 1 }
  const periods = [
    ...trendPeriods(periodContaining('2025-03-10', 'month', settings), 12, settings),
    periodContaining('2025-01-01', 'year', settings),
  ]
  const now = '2025-03-10T10:00:00.000Z'
  const plans: string[] = []
  const explaining = new Proxy(pool, {
    get: (t, p, r) =>
      p === 'query'
        ? async (sql: string, values: unknown[]) => {
            const plan = await t.query(`EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) ${sql}`, values)
            plans.push(plan.rows.map((x: { 'QUERY PLAN': string }) => x['QUERY PLAN']).join('\n'))
            return t.query(sql, values)
          }
        : Reflect.get(t, p, r),
  }) as pg.Pool
  const scopes: Scope[] = [
    { type: 'org' },
    { type: 'team', id: 2 },
    { type: 'rep', id: 5 },
    { type: 'customer', id: 7 },
  ]
  const only = process.argv[2]
  for (const scope of scopes)
    for (const g of GROUP_KEYS) {
      plans.length = 0
      await GROUP_QUERIES[g](explaining, { organizationId: 1, scopes: scopeSetOf(scope), periods, now, settings })
      const plan = plans[0]!
      const idx = [
        ...new Set([...plan.matchAll(/(?:Index|Bitmap Index)(?: Only)? Scan (?:using|on) (\S+)/g)].map((m) => m[1])),
      ]
      const seq = [...new Set([...plan.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1]))]
      const time = /Execution Time: ([\d.]+)/.exec(plan)?.[1]
      console.log(`${scope.type.padEnd(8)} ${g.padEnd(10)} ${time} ms  idx=[${idx.join(',')}] seq=[${seq.join(',')}]`)
      if (only === g) console.log(plan)
    }
  // Whole dashboards (warm): default layout, month of March 2025 at `now`, 20 runs each.
  for (const scope of [{ type: 'team', id: 2 }, { type: 'rep', id: 5 }, { type: 'org' }] as Scope[]) {
    const times: number[] = []
    for (let run = 0; run < 22; run++) {
      const t0 = performance.now()
      await dashboard({ pool }, { organizationId: 1, scope, periodType: 'month', date: '2025-03-10', now })
      if (run >= 2) times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1)
    console.log(`dashboard ${scope.type.padEnd(5)} p50 ${at(0.5)} ms  p95 ${at(0.95)} ms`)
  }
} finally {
  await pool.end()
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
}
