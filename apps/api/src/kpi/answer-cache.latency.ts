/**
 * Latency of GET /api/dashboard on the demo organisation, over loopback HTTP: a cache miss (the data version just
 * bumped), a hit, and a 304 revalidation. A script, not a test. From apps/api:
 *   node src/kpi/answer-cache.latency.ts [period=month] [hits=200]
 * Starts its own embedded PostgreSQL in a temporary folder and removes it afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPool, createPrisma } from '@kpi/db/client'
import { loadDemoDataIfEmpty } from '@kpi/db/demo/load'
import { startEmbeddedPostgres } from '@kpi/db/embedded'
import { migrate } from '@kpi/db/migrator'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { loginAs } from '../testing/login-as.ts'

const period = process.argv[2] ?? 'month'
const hits = Number(process.argv[3] ?? 200)
const misses = 20
const password = 'latency-password'

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms  p95 ${percentile(values, 95).toFixed(1)} ms  (n=${values.length})`

const dataDir = await mkdtemp(join(tmpdir(), 'kpi-cache-latency-'))
const server = await startEmbeddedPostgres({ dataDir, database: 'kpi', ephemeral: true })
const pool = createPool(server.url)
const prisma = createPrisma(server.url)
try {
  await migrate(pool)
  console.time('demo data')
  await loadDemoDataIfEmpty(pool, { password, seed: 7, today: new Date() })
  console.timeEnd('demo data')
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }), store: { pool, prisma } })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (typeof address !== 'object' || address === null) throw new Error('not listening')
  const base = `http://127.0.0.1:${address.port}`
  const { rows } = await pool.query<{ id: number }>(`SELECT id FROM organizations LIMIT 1`)
  const organizationId = rows[0]!.id

  for (const role of ['manager', 'rep', 'admin'] as const) {
    const session = await loginAs(base, `${role}@example.com`, password)
    const url = `${base}/api/dashboard?period=${period}`
    const timed = async (headers: Record<string, string>) => {
      const started = performance.now()
      const response = await fetch(url, { headers })
      await response.text()
      return { ms: performance.now() - started, status: response.status, etag: response.headers.get('etag') }
    }
    const missTimes: number[] = []
    for (let i = 0; i < misses; i++) {
      // A write the KPIs do not see, but one that moves the data version: the next answer is computed.
      await pool.query(`UPDATE organizations SET name = name WHERE id = $1`, [organizationId])
      missTimes.push((await timed(session.headers)).ms)
    }
    const first = await timed(session.headers)
    const hitTimes: number[] = []
    for (let i = 0; i < hits; i++) hitTimes.push((await timed(session.headers)).ms)
    const revalidations: number[] = []
    for (let i = 0; i < hits; i++) {
      const answer = await timed({ ...session.headers, 'if-none-match': first.etag! })
      if (answer.status === 304) revalidations.push(answer.ms)
    }
    console.log(`${role.padEnd(8)} ${period} miss ${summary(missTimes)}`)
    console.log(`${role.padEnd(8)} ${period} hit  ${summary(hitTimes)}`)
    console.log(`${role.padEnd(8)} ${period} 304  ${summary(revalidations)}`)
  }
  await app.close()
} finally {
  await Promise.all([pool.end(), prisma.$disconnect()])
  await server.stop()
  await rm(dataDir, { recursive: true, force: true })
}
