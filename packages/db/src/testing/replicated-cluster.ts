import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { startEmbeddedPostgres } from '../embedded.ts'
import { migrate } from '../migrator.ts'
import { startStreamingReplica } from '../replica.ts'

// A primary with a migrated `kpi` database and a streaming read replica of it (../replica.ts), each an embedded
// PostgreSQL 17 of its own in one temporary folder: `await using cluster = await startReplicatedCluster()`.
// Not the run's shared test cluster: a base backup copies a whole cluster, and pausing replay pauses all of it.

const DATABASE = 'kpi'

export type ReplicatedCluster = {
  /** The `kpi` database on the primary and on the replica (superuser: the replica's may pause replay). */
  primaryUrl: string
  replicaUrl: string
  /** Pauses WAL replay on the replica (pg_wal_replay_pause) and waits until it is paused. */
  pauseReplay(): Promise<void>
  resumeReplay(): Promise<void>
  /** Waits until the replica has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>
  /** Stops the replica, then the primary, and deletes their files. Idempotent. */
  [Symbol.asyncDispose](): Promise<void>
}

export async function startReplicatedCluster(): Promise<ReplicatedCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'kpi-replicated-'))
  await chmod(dir, 0o755) // the servers run as the unprivileged postgres user
  const stops: (() => Promise<void>)[] = []
  let disposing: Promise<void> | undefined
  const dispose = () => {
    disposing ??= (async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined)
      await rm(dir, { recursive: true, force: true })
    })()
    return disposing
  }
  try {
    const primary = await startEmbeddedPostgres({ dataDir: join(dir, 'primary'), database: DATABASE, ephemeral: true })
    stops.push(primary.stop)
    await migrate(primary.url)
    // `ephemeral` turns synchronous_commit off for the whole server; WAL is then streamed only once the WAL writer
    // flushes it (up to ~200 ms after the commit), a lag no production primary has. This database commits as usual.
    await one(primary.adminUrl, `ALTER DATABASE ${DATABASE} SET synchronous_commit = on`)
    const replica = await startStreamingReplica({
      primaryUrl: primary.adminUrl,
      primaryDataDir: primary.dataDir,
      dataDir: join(dir, 'replica'),
      ephemeral: true,
    })
    stops.push(replica.stop)
    const replicaUrl = replica.urlFor(DATABASE)
    const onReplica = (sql: string) => one(replicaUrl, sql)
    return {
      primaryUrl: primary.url,
      replicaUrl,
      async pauseReplay() {
        await onReplica('SELECT pg_wal_replay_pause()')
        while ((await onReplica('SELECT pg_get_wal_replay_pause_state() AS v')) !== 'paused') await sleep(10)
      },
      resumeReplay: async () => void (await onReplica('SELECT pg_wal_replay_resume()')),
      async caughtUp(timeoutMs = 10_000) {
        const lsn = await one(primary.url, 'SELECT pg_current_wal_insert_lsn()::text AS v')
        const deadline = Date.now() + timeoutMs
        while ((await onReplica(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS v`)) !== true) {
          if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${lsn} in ${timeoutMs} ms`)
          await sleep(10)
        }
      },
      [Symbol.asyncDispose]: dispose,
    }
  } catch (error) {
    await dispose()
    throw error
  }
}

async function one(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<{ v: unknown }>(sql)).rows[0]?.v
  } finally {
    await client.end()
  }
}
