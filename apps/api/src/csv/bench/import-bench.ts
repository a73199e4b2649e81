// Benchmark (not a test): CSV import throughput for deals, the bar in SPEC 6 being ≥ 20,000 rows/s.
//   pnpm --filter @kpi/api exec node src/csv/bench/import-bench.ts [rows=100000]
// On a shared machine wall time says little, so CPU time is reported too: this process (parse, validate) and
// every PostgreSQL process of the throw-away cluster (upsert, indexes, FK checks), read from /proc (Linux).
// Starts a throw-away embedded PostgreSQL (fsync off), migrates, seeds a tenant, warms the Prisma client, then
// times the real run (parse, zod, reference lookups and unnest upserts overlapped, one transaction, audit) for a
// first import, an identical re-import (all unchanged) and an import with every amount changed (all updated).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { createPool, createPrisma } from '@kpi/db/client'
import { startEmbeddedPostgres } from '@kpi/db/embedded'
import { migrate } from '@kpi/db/migrator'
import { exportRows } from '../../records/export.db.ts'
import { entities } from '../../records/registry.ts'
import { seedTenant } from '../../testing/seed-tenant.ts'
import { csvLine } from '../write.ts'
import { importers } from '../importers.ts'
import { adminActor, importCsv, nodeCpuSeconds, postgresCpuSeconds } from './measure.ts'

const rows = Number(process.argv[2] ?? 100_000)
const dir = await mkdtemp(join(tmpdir(), 'kpi-import-bench-'))
const server = await startEmbeddedPostgres({ dataDir: dir, database: 'bench', ephemeral: true })
const pool = createPool(server.url)
const prisma = createPrisma(server.url)
try {
  await migrate(pool)
  const tenant = await seedTenant(pool)
  // A running API has made its first Prisma transaction long before an import; in this fresh process the first
  // one costs ~0.4 s (client start-up), which is not import throughput.
  await prisma.$transaction(async (tx) => tx.$queryRawUnsafe('SELECT 1'))
  const owners = tenant.teams.flatMap((t) => t.reps.map((r) => r.email))
  const csv = (amountOffset: number) => {
    const lines = ['externalId,name,ownerEmail,type,stage,probability,status,amount,cost,createdAt,closedAt']
    for (let i = 0; i < rows; i++) {
      const won = i % 3 === 0
      const day = String((i % 28) + 1).padStart(2, '0')
      lines.push(
        `B-${i},"Deal ${i}, Inc",${owners[i % owners.length]},${['NEW_BUSINESS', 'UPSELL', 'CROSS_SELL', 'RENEWAL'][i % 4]},` +
          `${won ? 'Won' : 'Proposal'},${won ? 100 : 40},${won ? 'WON' : 'OPEN'},${(i % 50000) + amountOffset}.25,${i % 1000}.00,` +
          `2025-03-${day}T09:00:00Z,${won ? `2025-06-${day}T15:00:00Z` : ''}`,
      )
    }
    return lines.join('\r\n') + '\r\n'
  }
  const actor = adminActor(tenant)
  const run = async (label: string, text: string) => {
    const bytes = Buffer.from(text)
    const source = Readable.from([bytes.subarray(0, bytes.length >> 1), bytes.subarray(bytes.length >> 1)])
    const [node0, pg0] = [nodeCpuSeconds(), await postgresCpuSeconds(server.pid)]
    const t0 = performance.now()
    const counts = await importCsv({ prisma, pool, actor, importer: importers.deals, source })
    const t2 = performance.now()
    const [node1, pg1] = [nodeCpuSeconds(), await postgresCpuSeconds(server.pid)]
    const cpu = node1 - node0 + (pg1 - pg0)
    const total = (t2 - t0) / 1000
    console.log(
      `${label.padEnd(10)} ${rows} rows, ${(bytes.length / 1e6).toFixed(1)} MB in ${(t2 - t0).toFixed(0)} ms → ` +
        `${Math.round(rows / total).toLocaleString('en')} rows/s wall; ` +
        `CPU node ${(node1 - node0).toFixed(1)} s + postgres ${(pg1 - pg0).toFixed(1)} s → ` +
        `${Math.round(rows / cpu).toLocaleString('en')} rows per CPU-second ${JSON.stringify(counts)}`,
    )
  }
  await run('first', csv(0))
  await run('identical', csv(0))
  await run('changed', csv(1))

  // And back out: the CSV export of the same deals (cursor, reference keys, escaping), as a client reads it.
  const t0 = performance.now()
  let exported = 0
  let bytes = 0
  const query = { page: 1, pageSize: 50, sort: '-createdAt' }
  for await (const row of exportRows(pool, entities.deals, actor, query, 'Europe/Amsterdam')) {
    bytes += csvLine(row).length
    exported += 1
  }
  const seconds = (performance.now() - t0) / 1000
  console.log(
    `export     ${exported} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(seconds * 1000).toFixed(0)} ms → ${Math.round(exported / seconds).toLocaleString('en')} rows/s`,
  )
} finally {
  await Promise.allSettled([pool.end(), prisma.$disconnect()])
  await server.stop()
  await rm(dir, { recursive: true, force: true })
}
