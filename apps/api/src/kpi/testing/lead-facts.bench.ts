// Benchmark (not a test) of the derived lead facts (migration 20261126020000_lead_facts). From apps/api:
//   flock /tmp/bench.lock node src/kpi/testing/lead-facts.bench.ts query <data dir>
//     On a COPY of a benchmark database (e.g. cp -a .bench-data/full /tmp/x): the leads group by the old per-lead
//     probes (testing/leads-probes.reference.ts) on the schema before the migration, then the migration (timed),
//     VACUUM ANALYZE leads, then the leads group from the facts. team month, org month, org year; 3 runs each.
//   flock /tmp/bench.lock node src/kpi/testing/lead-facts.bench.ts import [rows=200000]
//     CSV import of `rows` leads then `rows` activities (one per lead, through the real importer) into a throw-away
//     database migrated without, then with, the lead facts migration; wall and CPU time (node + PostgreSQL).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { createPool, createPrisma } from '@kpi/db/client'
import { startEmbeddedPostgres } from '@kpi/db/embedded'
import { migrate } from '@kpi/db/migrator'
import { periodContaining, trendPeriods, type PeriodType } from '@kpi/domain/periods'
import { localDateOf, toInstant } from '@kpi/domain/time-zone'
import { adminActor, importCsv, nodeCpuSeconds, postgresCpuSeconds } from '../../csv/bench/measure.ts'
import { importers } from '../../csv/importers.ts'
import { seedTenant } from '../../testing/seed-tenant.ts'
import { TREND_LENGTH } from '../kpi-view.ts'
import { queryLeads } from '../leads.sql.ts'
import type { ScopeSet } from '../scope-set.ts'
import { loadOrganizationSettings } from '../settings.db.ts'
import { queryLeadsByProbes } from './leads-probes.reference.ts'

const [mode = 'query', arg] = process.argv.slice(2)

/** The "before" schema: every migration before the lead facts one (later ones may build on it). */
const LEAD_FACTS = '20261126020000_lead_facts'

if (mode === 'query') {
  if (!arg) throw new Error('usage: lead-facts.bench.ts query <copy of a benchmark data dir>')
  const server = await startEmbeddedPostgres({ dataDir: join(resolve(arg), 'postgres'), database: 'kpi' })
  const pool = createPool(server.url)
  try {
    await migrate(pool, { before: LEAD_FACTS })
    const org = (await pool.query<{ id: number }>('SELECT min(id) AS id FROM organizations')).rows[0]!.id
    const team = (await pool.query<{ id: number }>('SELECT min(id) AS id FROM teams')).rows[0]!.id
    const settings = await loadOrganizationSettings(pool, org)
    const now = toInstant(new Date())
    const cases: [string, ScopeSet, PeriodType][] = [
      ['team month', { type: 'team', ids: [team] }, 'month'],
      ['org month', { type: 'org' }, 'month'],
      ['org year', { type: 'org' }, 'year'],
    ]
    const time = async (label: string, query: typeof queryLeads) => {
      for (const [name, scopes, periodType] of cases) {
        const period = periodContaining(localDateOf(now, settings.timeZone), periodType, settings)
        const periods = trendPeriods(period, TREND_LENGTH, settings)
        const times: string[] = []
        for (let i = 0; i < 3; i++) {
          const [t0, c0] = [performance.now(), await postgresCpuSeconds(server.pid)]
          await query(pool, { organizationId: org, scopes, periods, now, settings })
          const c1 = await postgresCpuSeconds(server.pid)
          times.push(`${(performance.now() - t0).toFixed(0)} ms (pg CPU ${(c1 - c0).toFixed(2)} s)`)
        }
        console.log(`${label.padEnd(8)} ${name.padEnd(11)} ${periods.length} spans: ${times.join(', ')}`)
      }
    }
    await time('probes', queryLeadsByProbes)
    const [t0, c0] = [performance.now(), await postgresCpuSeconds(server.pid)]
    const applied = await migrate(pool)
    const [t1, c1] = [performance.now(), await postgresCpuSeconds(server.pid)]
    console.log(`migrate ${applied.join(', ')}: ${((t1 - t0) / 1000).toFixed(1)} s (pg CPU ${(c1 - c0).toFixed(1)} s)`)
    await pool.query('VACUUM ANALYZE leads')
    console.log(`vacuum analyze leads: ${((performance.now() - t1) / 1000).toFixed(1)} s`)
    // The backfill against the definitions (as lead-facts.sql.test.ts checks them), over every lead.
    const wrong = await pool.query<{ n: number }>(`
      SELECT count(*)::int AS n FROM leads t LEFT JOIN lead_responses r ON r.lead_id = t.id
      WHERE r.first_activity_at IS DISTINCT FROM (
              SELECT min(a.occurred_at) FROM activities a
              WHERE a.lead_id = t.id AND a.organization_id = t.organization_id AND a.occurred_at >= t.created_at)
         OR EXISTS (SELECT 1 FROM lead_accounts f WHERE f.lead_id = t.id) <> (t.account_key IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM leads e WHERE e.organization_id = t.organization_id AND e.account_key = t.account_key
                AND (e.created_at, e.id) < (t.created_at, t.id)))`)
    console.log(`leads whose facts differ from their definition: ${wrong.rows[0]!.n}`)
    await time('facts', queryLeads)
  } finally {
    await pool.end()
    await server.stop()
  }
} else {
  const rows = Number(arg ?? 200_000)
  for (const label of ['before', 'after']) {
    const dir = await mkdtemp(join(tmpdir(), 'kpi-lead-facts-bench-'))
    const server = await startEmbeddedPostgres({ dataDir: dir, database: 'bench', ephemeral: true })
    const pool = createPool(server.url)
    const prisma = createPrisma(server.url)
    try {
      await migrate(pool, label === 'before' ? { before: LEAD_FACTS } : {})
      const tenant = await seedTenant(pool)
      const owners = tenant.teams.flatMap((t) => t.reps.map((r) => r.email))
      const actor = adminActor(tenant)
      const day = (i: number) =>
        `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`
      const leads = ['externalId,name,account,channel,ownerEmail,createdAt']
      for (let i = 0; i < rows; i++)
        leads.push(`L-${i},Lead ${i},Account ${i % 50_000},web,${owners[i % owners.length]},${day(i)}T09:00:00Z`)
      const activities = ['externalId,type,userEmail,leadExternalId,occurredAt']
      for (let i = 0; i < rows; i++)
        activities.push(`A-${i},call,${owners[i % owners.length]},L-${(i * 7) % rows},${day(i)}T15:00:00Z`)
      for (const [entity, lines] of [
        ['leads', leads],
        ['activities', activities],
      ] as const) {
        const bytes = Buffer.from(lines.join('\r\n') + '\r\n')
        const source = Readable.from([bytes])
        const [n0, p0, t0] = [nodeCpuSeconds(), await postgresCpuSeconds(server.pid), performance.now()]
        const counts = await importCsv({ prisma, pool, actor, importer: importers[entity], source })
        const [n1, p1, t1] = [nodeCpuSeconds(), await postgresCpuSeconds(server.pid), performance.now()]
        console.log(
          `${label.padEnd(6)} ${entity.padEnd(10)} ${rows} rows in ${(t1 - t0).toFixed(0)} ms; CPU node ` +
            `${(n1 - n0).toFixed(1)} s + postgres ${(p1 - p0).toFixed(1)} s ${JSON.stringify(counts)}`,
        )
      }
      const facts = await pool
        .query(
          `SELECT (SELECT count(*) FROM lead_responses)::int AS responded,
                  (SELECT count(*) FROM lead_accounts)::int AS first`,
        )
        .catch(() => ({ rows: ['(no facts columns)'] }))
      console.log(`${label.padEnd(6)} facts`, facts.rows[0])
    } finally {
      await Promise.allSettled([pool.end(), prisma.$disconnect()])
      await server.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
