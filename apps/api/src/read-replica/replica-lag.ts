// How long after a commit the read replica shows the new data version, and what the version check costs there:
// `cd apps/api && node src/read-replica/replica-lag.ts [writes]` starts a primary and a streaming replica in a
// temporary folder (@kpi/db/testing/replicated-cluster), writes one organisation's row `writes` times (default 300)
// and prints p50/p95/max in ms as JSON. Quoted in docs/decisions/0042-read-replica.md.
import { createPool } from '@kpi/db/client'
import { startReplicatedCluster } from '@kpi/db/testing/replicated-cluster'
import { readDataVersion } from '../kpi/answer-cache.ts'

const writes = Number(process.argv[2] ?? 300)
const startedMs = Date.now()
const cluster = await startReplicatedCluster()
const primary = createPool(cluster.primaryUrl, { max: 2 })
const replica = createPool(cluster.replicaUrl, { max: 2 })
try {
  const startMs = Date.now() - startedMs
  const { rows } = await primary.query<{ id: number }>(
    `INSERT INTO organizations (name, slug, updated_at) VALUES ('Lag', 'lag', now()) RETURNING id`,
  )
  const organizationId = rows[0]!.id
  await cluster.caughtUp()
  const lagsMs: number[] = []
  const checksMs: number[] = []
  for (let i = 0; i < writes; i++) {
    await primary.query('UPDATE organizations SET name = $2 WHERE id = $1', [organizationId, `Lag ${i}`])
    const written = await readDataVersion(primary, organizationId)
    const committedAt = performance.now()
    for (;;) {
      const checkAt = performance.now()
      const seen = await readDataVersion(replica, organizationId)
      checksMs.push(performance.now() - checkAt)
      if (seen.counter >= written.counter) break
    }
    lagsMs.push(performance.now() - committedAt)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  const at = (values: number[], fraction: number) => {
    const sorted = [...values].sort((a, b) => a - b)
    return Number(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!.toFixed(2))
  }
  console.log(
    JSON.stringify({
      clustersStartedMs: startMs,
      writes,
      replayLagMs: { p50: at(lagsMs, 0.5), p95: at(lagsMs, 0.95), max: at(lagsMs, 1) },
      versionCheckMs: { p50: at(checksMs, 0.5), p95: at(checksMs, 0.95) },
      checksPerWrite: Number((checksMs.length / writes).toFixed(2)),
    }),
  )
} finally {
  await Promise.allSettled([primary.end(), replica.end()])
  await cluster[Symbol.asyncDispose]()
}
