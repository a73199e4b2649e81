import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterEach, describe, expect, test } from 'vitest'
import { startEmbeddedPostgres } from './embedded.ts'
import type { EmbeddedPostgresServer } from './embedded.ts'
import { findPostmasters, isAlive, waitForExit } from './postgres-processes.ts'

// Each test gets its own cluster in its own directory (not the shared test cluster), because these tests
// stop, crash and restart servers.

const dirs: string[] = []
const servers: EmbeddedPostgresServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kpi-embedded-'))
  await chmod(dir, 0o755) // the server runs as the unprivileged postgres user
  dirs.push(dir)
  return join(dir, 'data')
}

async function start(dataDir: string): Promise<EmbeddedPostgresServer> {
  const server = await startEmbeddedPostgres({ dataDir, ephemeral: true })
  servers.push(server)
  return server
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

/** A pid that certainly belongs to no process: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(child.stdout.toString())
}

const fixture = fileURLToPath(new URL('./testing/fixtures/store-owner.ts', import.meta.url))
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))

/** Starts the store in another Node process (see the fixture) and returns that process and the postmaster pid. */
async function startInChild(dataDir: string, mode: 'exit' | 'wait') {
  const child = spawn(process.execPath, [fixture, dataDir, mode], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer]
  return { child, postmaster: Number.parseInt(chunk.toString(), 10) }
}

describe('startEmbeddedPostgres', () => {
  test('initialises, serves on 127.0.0.1 only, stops, and restarts on the same directory with the data kept', async () => {
    const dataDir = await tempDataDir()
    const first = await startEmbeddedPostgres({ dataDir, ephemeral: true })
    expect(first.url).toMatch(/^postgresql:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/postgres$/)
    expect(await query(first.url, 'SHOW listen_addresses')).toEqual([{ listen_addresses: '127.0.0.1' }])
    expect(await query(first.url, 'SHOW server_encoding')).toEqual([{ server_encoding: 'UTF8' }])
    await query(first.url, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')`)
    await first.stop()
    expect(isAlive(first.pid)).toBe(false)
    expect(findPostmasters(dataDir)).toEqual([])

    const second = await start(dataDir)
    expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }])
    expect(findPostmasters(dataDir)).toEqual([second.pid])
  })

  test('creates the requested database and points the url at it', async () => {
    const server = await startEmbeddedPostgres({ dataDir: await tempDataDir(), database: 'kpi', ephemeral: true })
    servers.push(server)
    expect(server.url).toMatch(/\/kpi$/)
    expect(await query(server.url, 'SELECT current_database() AS db')).toEqual([{ db: 'kpi' }])
  })

  test('sharedBuffersMb sets shared_buffers; without it PostgreSQL keeps its own 128 MB', async () => {
    const sized = await startEmbeddedPostgres({ dataDir: await tempDataDir(), ephemeral: true, sharedBuffersMb: 64 })
    servers.push(sized)
    expect(await query(sized.url, 'SHOW shared_buffers')).toEqual([{ shared_buffers: '64MB' }])
    const plain = await startEmbeddedPostgres({ dataDir: await tempDataDir(), ephemeral: true })
    servers.push(plain)
    expect(await query(plain.url, 'SHOW shared_buffers')).toEqual([{ shared_buffers: '128MB' }])
  })

  test('stop() is idempotent', async () => {
    const server = await startEmbeddedPostgres({ dataDir: await tempDataDir(), ephemeral: true })
    await Promise.all([server.stop(), server.stop()])
    await server.stop()
    expect(isAlive(server.pid)).toBe(false)
  })

  test.each([
    { case: 'a dead pid', pid: deadPid },
    // A live process that is not postgres (pid reuse after a reboot): postgres itself would refuse to start.
    { case: 'a live non-postgres pid', pid: () => process.pid },
  ])('recovers a stale postmaster.pid naming $case', async ({ pid }) => {
    const dataDir = await tempDataDir()
    const first = await startEmbeddedPostgres({ dataDir, ephemeral: true })
    await query(first.url, 'CREATE TABLE kept (id int)')
    await first.stop()
    await writeFile(join(dataDir, 'postmaster.pid'), `${pid()}\n${dataDir}\n1700000000\n5432\n\n127.0.0.1\n`)

    const second = await start(dataDir)
    expect(await query(second.url, 'SELECT count(*)::int AS n FROM kept')).toEqual([{ n: 0 }])
  })

  test('recovers after the postmaster was SIGKILLed, and leaves no postgres behind', async () => {
    const dataDir = await tempDataDir()
    // Durable settings, as the product runs: with ephemeral (synchronous_commit=off) a commit may still sit in
    // WAL buffers when the server is killed, and the row would rightly be gone.
    const crashed = await startEmbeddedPostgres({ dataDir })
    await query(crashed.url, `CREATE TABLE kept (note text); INSERT INTO kept VALUES ('committed')`)
    process.kill(crashed.pid, 'SIGKILL')
    expect(await waitForExit(crashed.pid, 10_000)).toBe(true)
    await crashed.stop() // must not hang on a server that is already gone

    const restarted = await startEmbeddedPostgres({ dataDir })
    expect(await query(restarted.url, 'SELECT note FROM kept')).toEqual([{ note: 'committed' }])
    await restarted.stop()
    expect(findPostmasters(dataDir)).toEqual([])
  })

  // Only root hands the server to the separate postgres user; other users run it as themselves.
  test.runIf(process.getuid?.() === 0)(
    'explains, before initdb fails obscurely, when the postgres user cannot reach the data directory',
    async () => {
      const dataDir = await tempDataDir()
      const parent = join(dataDir, '..')
      await chmod(parent, 0o700)

      await expect(startEmbeddedPostgres({ dataDir, ephemeral: true })).rejects.toThrow(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${parent} (mode 700)`,
      )
    },
  )

  test('refuses a data directory that a running store is using, with a clear error', async () => {
    const dataDir = await tempDataDir()
    const running = await start(dataDir)

    await expect(startEmbeddedPostgres({ dataDir, ephemeral: true })).rejects.toThrow(
      new RegExp(`is in use by a running PostgreSQL \\(pid ${running.pid}, started by process ${process.pid}\\)`),
    )
    expect(await query(running.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }])
  })

  test('a process that exits without stop() takes its postgres down with it', async () => {
    const dataDir = await tempDataDir()
    const { child, postmaster } = await startInChild(dataDir, 'exit')
    await once(child, 'exit')

    expect(await waitForExit(postmaster, 30_000)).toBe(true)
    expect(findPostmasters(dataDir)).toEqual([])
  })

  test('the orphan of a SIGKILLed parent is shut down by the next start on its directory', async () => {
    const dataDir = await tempDataDir()
    const { child, postmaster } = await startInChild(dataDir, 'wait')
    child.kill('SIGKILL') // no exit handler can run: postgres is orphaned
    await once(child, 'exit')
    expect(isAlive(postmaster)).toBe(true)

    const server = await start(dataDir)
    expect(isAlive(postmaster)).toBe(false)
    expect(findPostmasters(dataDir)).toEqual([server.pid])
  })
})
