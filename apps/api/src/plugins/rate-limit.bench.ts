// Benchmark (not a test): what the write rate limit (rate-limit.ts) costs each write — one upsert of two counter
// rows, the person's and the organisation's, which every writer of the organisation shares.
//   pnpm --filter @kpi/api exec node src/plugins/rate-limit.bench.ts [seconds per round=5] [writers=8]
// One throw-away embedded PostgreSQL, two API instances on it (limit off; limit on but never reached), `writers`
// clients (two per rep of one organisation) POSTing activities over loopback in alternating rounds.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPool, createPrisma } from '@kpi/db/client'
import { startEmbeddedPostgres } from '@kpi/db/embedded'
import { migrate } from '@kpi/db/migrator'
import { buildApp, type App } from '../app.ts'
import { loginAs } from '../testing/login-as.ts'
import { seedTenant } from '../testing/seed-tenant.ts'
import { testConfig } from '../testing/test-app.ts'

const seconds = Number(process.argv[2] ?? 5)
const writers = Number(process.argv[3] ?? 8)
const dir = await mkdtemp(join(tmpdir(), 'kpi-rate-limit-bench-'))
const server = await startEmbeddedPostgres({ dataDir: dir, database: 'bench', ephemeral: true })
const store = { pool: createPool(server.url), prisma: createPrisma(server.url) }
const apps: App[] = []
try {
  await migrate(store.pool)
  const tenant = await seedTenant(store.pool)
  const reps = tenant.teams.flatMap((team) => team.reps)
  const limits = { importsPerHour: 0, exportsPerHour: 0 }
  const modes = {
    off: { ...limits, writesPerMinute: 0 },
    on: { ...limits, writesPerMinute: 1_000_000_000 },
  }
  const bases: Record<string, string> = {}
  for (const [mode, rateLimits] of Object.entries(modes)) {
    const app = await buildApp({ config: testConfig({ rateLimits }), store })
    apps.push(app)
    bases[mode] = await app.listen({ port: 0, host: '127.0.0.1' })
  }
  const sessions = await Promise.all(reps.map((rep) => loginAs(bases['off']!, rep.email)))

  const round = async (mode: string) => {
    const latencies: number[] = []
    const end = performance.now() + seconds * 1000
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        const session = sessions[i % sessions.length]!
        const rep = reps[i % reps.length]!
        while (performance.now() < end) {
          const t0 = performance.now()
          const response = await fetch(`${bases[mode]}/api/activities`, {
            method: 'POST',
            headers: { ...session.headers, 'content-type': 'application/json' },
            body: JSON.stringify({ type: 'CALL', userId: rep.id, occurredAt: '2026-11-02T10:00:00Z' }),
          })
          await response.arrayBuffer()
          if (response.status !== 201) throw new Error(`${mode}: ${response.status}`)
          latencies.push(performance.now() - t0)
        }
      }),
    )
    return latencies
  }
  const all: Record<string, number[]> = { off: [], on: [] }
  await round('off') // warm-up
  for (let i = 0; i < 2; i++) for (const mode of ['off', 'on']) all[mode]!.push(...(await round(mode)))
  const at = (sorted: number[], p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
  for (const [mode, latencies] of Object.entries(all)) {
    const sorted = latencies.sort((a, b) => a - b)
    console.log(
      `limit ${mode.padEnd(3)} ${writers} writers, ${2 * seconds} s: ${Math.round(sorted.length / (2 * seconds))} writes/s; ` +
        `p50 ${at(sorted, 50).toFixed(1)} ms, p95 ${at(sorted, 95).toFixed(1)} ms, p99 ${at(sorted, 99).toFixed(1)} ms`,
    )
  }
} finally {
  for (const app of apps) await app.close()
  await store.pool.end()
  await store.prisma.$disconnect()
  await server.stop()
  await rm(dir, { recursive: true, force: true })
}
