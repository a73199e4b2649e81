/**
 * Query plans of every aggregate statement on a few thousand rows per organisation (4 organisations ×
 * 5000 leads, 5000 deals, 25000 activities, 500 customers), for each scope type, over 12 months + a year.
 * Prints execution time, the indexes used and any sequential scans; pass a group key to print its plan.
 * Run from apps/api: `npx tsx src/kpi/testing/explain-plans.ts [group]` (starts its own embedded PostgreSQL
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
  await pool.query(`
  INSERT INTO organizations (id, name, slug) SELECT g, 'o'||g, 'o'||g FROM generate_series(1,4) g;
  INSERT INTO teams (id, organization_id, name) SELECT g, (g-1)/3+1, 't'||g FROM generate_series(1,12) g;
  INSERT INTO users (id, organization_id, email, name, role, team_id, password_hash)
    SELECT g, (g-1)/30+1, 'u'||g||'@x', 'u'||g, 'REP', ((g-1)/30)*3 + (g%3) + 1, 'x' FROM generate_series(1,120) g;
  INSERT INTO customers (id, organization_id, name, segment, owner_id, ideal_profile, churned_at)
    SELECT g, (g-1)/500+1, 'c'||g, 'smb', ((g-1)/500)*30 + (g%30) + 1, g%2=0, CASE WHEN g%7=0 THEN timestamptz '2025-06-01' + (g%300)*interval '1 day' END FROM generate_series(1,2000) g;
  INSERT INTO leads (id, organization_id, name, channel, account_key, owner_id, team_id, created_at, mql_at, sql_at, opportunity_at)
    SELECT g, (g-1)/5000+1, 'l', (ARRAY['web','event','referral'])[g%3+1], 'acc'||(g%800), ((g-1)/5000)*30 + (g%30) + 1, ((g-1)/5000)*3 + (g%3) + 1,
      timestamptz '2024-01-01' + (g%5000)*interval '170 minutes', timestamptz '2024-01-02' + (g%5000)*interval '170 minutes',
      CASE WHEN g%2=0 THEN timestamptz '2024-01-05' + (g%5000)*interval '170 minutes' END, NULL FROM generate_series(1,20000) g;
  INSERT INTO deals (id, organization_id, name, owner_id, team_id, customer_id, lead_id, type, stage, probability, status, amount, cost, created_at, expected_close_at, closed_at)
    SELECT g, (g-1)/5000+1, 'd', ((g-1)/5000)*30 + (g%30) + 1, ((g-1)/5000)*3 + (g%3) + 1, ((g-1)/5000)*500 + (g%500) + 1, g,
      (ARRAY['NEW_BUSINESS','UPSELL','CROSS_SELL','RENEWAL']::"DealType"[])[g%4+1], 's', 50,
      (ARRAY['OPEN','WON','LOST','WON']::"DealStatus"[])[g%4+1], 1000 + g%5000, 100,
      timestamptz '2024-01-01' + (g%5000)*interval '170 minutes', timestamptz '2024-03-01' + (g%5000)*interval '170 minutes',
      CASE WHEN g%4 <> 0 THEN timestamptz '2024-02-01' + (g%5000)*interval '170 minutes' END FROM generate_series(1,20000) g;
  INSERT INTO activities (organization_id, type, user_id, team_id, lead_id, customer_id, occurred_at)
    SELECT (g-1)/25000+1, (ARRAY['CALL','MEETING','PROPOSAL','EMAIL']::"ActivityType"[])[g%4+1], ((g-1)/25000)*30 + (g%30) + 1, ((g-1)/25000)*3 + (g%3) + 1,
      ((g-1)/25000)*5000 + (g%5000) + 1, NULL, timestamptz '2024-01-01' + (g%25000)*interval '34 minutes' FROM generate_series(1,100000) g;
  INSERT INTO costs (organization_id, category, month, team_id, amount)
    SELECT o, c, m::date, t, 1000 FROM generate_series(1,4) o, unnest(ARRAY['MARKETING','SALES','PERSONNEL','FIXED']::"CostCategory"[]) c,
      generate_series(timestamp '2024-01-01', '2025-12-01', '1 month') m, generate_series((o-1)*3+1, (o-1)*3+3) t;
  INSERT INTO survey_responses (organization_id, kind, score, responded_at, team_id, customer_id)
    SELECT (g-1)/2500+1, (ARRAY['NPS','CSAT','ENPS','Q12']::"SurveyKind"[])[g%4+1], g%5+1, timestamptz '2024-01-01' + (g%2500)*interval '5 hours', ((g-1)/2500)*3 + (g%3) + 1, NULL FROM generate_series(1,10000) g;
  ANALYZE;`)
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
